"""A broker's profile with two clients (what the client tests start from)."""

from __future__ import annotations

from pathlib import Path

A, B = "华东电商", "华南电商"
A_EBC, B_EBC = "3301960AAA", "4401960BBB"
B_EBP = "4401960PPP"

PROFILE = f"""[transfer]
copCode = "1105910159"
copName = "测试供应链有限公司"
dxpId = "DXPENT0000000001"

[defaults]
ebcCode = "{A_EBC}"
ebpName = "默认平台"
country = "502"

[defaults.import]
payName = "默认支付（进口）"

[clients."{A}"]
ebcCode = "{A_EBC}"
ebcName = "华东电商有限公司"
ebpName = "华东平台"
"OrderList.country" = "116"

[clients."{A}".import]
payName = "华东支付"

[clients."{B}"]
ebcCode = "{B_EBC}"
ebcName = "华南电商有限公司"
ebpCode = "{B_EBP}"
ebpName = "华南平台"
payName = "华南支付"
"""


def write_profile(folder: Path, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "profile.toml"
    path.write_text(PROFILE + extra, encoding="utf-8")
    return path
