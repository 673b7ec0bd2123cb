"""Output formats. Each module renders the one result model (or the outline) in one format."""
