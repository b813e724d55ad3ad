"""Default locations and model names; nothing here touches the disk at import."""

from __future__ import annotations

from pathlib import Path

DEFAULT_MODEL = "fr_core_news_sm"
"""The spaCy pipeline used unless the caller names another (``fr_core_news_md`` is optional)."""

PROCESSED_DIR = Path("data/processed")
"""Default output folder, relative to the working directory (the project root for ``make run``)."""

TABLE_FORMATS = ("parquet", "csv", "xlsx")
