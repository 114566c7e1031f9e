"""Schemathesis hooks for scripts/schemathesis (loaded through SCHEMATHESIS_HOOKS)."""
import schemathesis

# PUT /api/v1/registrations/{id}/cv takes the PDF's bytes as they are: send generated bodies raw,
# as schemathesis does for application/octet-stream.
schemathesis.serializer.alias("application/pdf", "application/octet-stream")
