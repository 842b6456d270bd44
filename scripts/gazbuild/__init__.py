"""Builders of wirex's gazetteer files, one module per class; run scripts/build_gazetteers.py."""
