"""Uploaded result files kept between the preview and the confirmation (UPLOAD_DIR/imports)."""

import json
import re
import secrets
from dataclasses import asdict, dataclass, field

from flask_babel import gettext as _

from portal.errors import NotFoundError
from portal.services.backup import upload_dir

TOKEN = re.compile(r"^[0-9a-f]{32}$")


@dataclass
class StashedUpload:
    """A file an editor uploaded, with the choices made at upload."""

    user_id: int
    filename: str
    category_code: str | None
    credit_codes: dict[str, str] = field(default_factory=dict)


def stash_upload(data: bytes, upload: StashedUpload) -> str:
    """Keep the file and its choices; return the token that names them."""
    folder = upload_dir() / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(16)
    (folder / f"{token}.bin").write_bytes(data)
    (folder / f"{token}.json").write_text(json.dumps(asdict(upload), ensure_ascii=False))
    return token


def load_upload(token: str, user_id: int) -> tuple[bytes, StashedUpload]:
    """The file and choices of a token the user uploaded, or NotFoundError."""
    folder = upload_dir() / "imports"
    if not TOKEN.match(token) or not (folder / f"{token}.json").is_file():
        raise NotFoundError(_("没有找到这次上传，请重新上传文件。"))
    upload = StashedUpload(**json.loads((folder / f"{token}.json").read_text()))
    if upload.user_id != user_id:
        raise NotFoundError(_("没有找到这次上传，请重新上传文件。"))
    return (folder / f"{token}.bin").read_bytes(), upload


def parse_codes(text: str) -> dict[str, str]:
    """Enterprise name → credit code from lines of "企业名称,代码" (comma, tab or ，)."""
    codes = {}
    for line in (text or "").splitlines():
        parts = [part.strip() for part in re.split(r"[,，\t]", line) if part.strip()]
        if len(parts) >= 2:
            codes[parts[0]] = parts[1]
    return codes
