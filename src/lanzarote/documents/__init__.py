"""Documents generated from the registry: letters, depositary notifications (PDF and DOCX, EN/FR)."""
