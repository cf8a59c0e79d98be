"""kbsite: a folder of articles in, a cross-linked, searchable knowledge-base site out."""

__version__ = "0.1.0"
