from __future__ import annotations

import pytest

from cebdesk.pipeline.workspace import Workspace

PROFILE = '[transfer]\ncopCode = "1105910159"\ncopName = "测试供应链有限公司"\ndxpId = "DXPENT0000000001"\n'


def make_workspace(folder, extra: str = "") -> Workspace:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "profile.toml").write_text(PROFILE + extra, encoding="utf-8")
    return Workspace(folder)


@pytest.fixture
def ws(tmp_path) -> Workspace:
    return make_workspace(tmp_path / "ws")
