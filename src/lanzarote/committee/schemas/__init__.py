"""API schemas of the Committee, by sub-domain. Each answer is declared once, here: the API
returns it, and the pages' JSON and CSV downloads and the command line dump the same schema
(`common.dump`). Names start with "Committee" so they stay unique in the OpenAPI document."""
