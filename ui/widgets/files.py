"""Choosing where to save a file: a suggested name, the folder used last time, a fixed suffix."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from ui.window_state import remember_folder, remembered_folder


def safe_file_name(text: str, fallback: str) -> str:
    """`text` as a file name: letters, digits, spaces, '-' and '_' kept, anything else '_'."""
    safe = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in text).strip()
    return safe or fallback


def ask_save_path(
    parent: QWidget, title: str, folder_key: str, file_name: str, file_filter: str, suffix: str
) -> Path | None:
    """Ask where to save; the folder is remembered under `folder_key` (one of ui.window_state.FOLDERS),
    `suffix` added when missing."""
    path, _chosen = QFileDialog.getSaveFileName(
        parent, title, str(remembered_folder(folder_key) / file_name), file_filter
    )
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != suffix:
        target = target.with_name(target.name + suffix)
    remember_folder(folder_key, target.parent)
    return target
