"""The Committee's pages, by sub-domain: composition, meetings, adopted texts, capacity building
and priority countries (public), and the secretariat's desk (`common.desk`: one URL and one view
per action). Views parse, ask a selector or one service, and render; every list offers CSV and
JSON of exactly what it shows (the API's schemas, through `schemas.common.dump`)."""
