"""The Qt face. Only this package imports PySide6; behaviour lives in controllers and the
pipeline, views hold widgets, long work runs on worker threads."""
