"""The Qt desktop interface. Everything Qt lives under this package."""
