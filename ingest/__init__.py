"""The ingestion pipeline: read → segment → extract → resolve → to_rdf → validate → load."""
