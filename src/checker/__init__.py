"""checker: a compliance checker for Chinese loan agreements."""
__version__ = "0.1.0"
