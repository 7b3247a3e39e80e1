"""Generate flows/vocab/places.yaml, the gazetteer of Vietnam's provincial units.

    .venv/bin/python tools/build_places.py

The 34 units in force since the 2025 merger come from the ``vietnam-provinces`` package; the 63 units
before it, which unit each merged into, and the English spellings news outlets use are a hand-written
supplement below (the package only knows the current list). The runtime reads the generated YAML and
never imports the package.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from vietnam_provinces import Province, VietNamDivisionType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flows.extract.base import ascii_form  # noqa: E402

OUTPUT = ROOT / "flows" / "vocab" / "places.yaml"

# The 63 provincial units before 1 July 2025 (Vietnamese name → the post-merger unit it became part of,
# per National Assembly Resolution 202/2025/QH15). Units that kept their borders map to themselves.
PRE_2025 = {
    "Hà Nội": "Hà Nội",
    "Hà Giang": "Tuyên Quang",
    "Cao Bằng": "Cao Bằng",
    "Bắc Kạn": "Thái Nguyên",
    "Tuyên Quang": "Tuyên Quang",
    "Lào Cai": "Lào Cai",
    "Điện Biên": "Điện Biên",
    "Lai Châu": "Lai Châu",
    "Sơn La": "Sơn La",
    "Yên Bái": "Lào Cai",
    "Hòa Bình": "Phú Thọ",
    "Thái Nguyên": "Thái Nguyên",
    "Lạng Sơn": "Lạng Sơn",
    "Quảng Ninh": "Quảng Ninh",
    "Bắc Giang": "Bắc Ninh",
    "Phú Thọ": "Phú Thọ",
    "Vĩnh Phúc": "Phú Thọ",
    "Bắc Ninh": "Bắc Ninh",
    "Hải Dương": "Hải Phòng",
    "Hải Phòng": "Hải Phòng",
    "Hưng Yên": "Hưng Yên",
    "Thái Bình": "Hưng Yên",
    "Hà Nam": "Ninh Bình",
    "Nam Định": "Ninh Bình",
    "Ninh Bình": "Ninh Bình",
    "Thanh Hóa": "Thanh Hóa",
    "Nghệ An": "Nghệ An",
    "Hà Tĩnh": "Hà Tĩnh",
    "Quảng Bình": "Quảng Trị",
    "Quảng Trị": "Quảng Trị",
    "Huế": "Huế",
    "Đà Nẵng": "Đà Nẵng",
    "Quảng Nam": "Đà Nẵng",
    "Quảng Ngãi": "Quảng Ngãi",
    "Bình Định": "Gia Lai",
    "Phú Yên": "Đắk Lắk",
    "Khánh Hòa": "Khánh Hòa",
    "Ninh Thuận": "Khánh Hòa",
    "Bình Thuận": "Lâm Đồng",
    "Kon Tum": "Quảng Ngãi",
    "Gia Lai": "Gia Lai",
    "Đắk Lắk": "Đắk Lắk",
    "Đắk Nông": "Lâm Đồng",
    "Lâm Đồng": "Lâm Đồng",
    "Bình Phước": "Đồng Nai",
    "Tây Ninh": "Tây Ninh",
    "Bình Dương": "Hồ Chí Minh",
    "Đồng Nai": "Đồng Nai",
    "Bà Rịa - Vũng Tàu": "Hồ Chí Minh",
    "Hồ Chí Minh": "Hồ Chí Minh",
    "Long An": "Tây Ninh",
    "Tiền Giang": "Đồng Tháp",
    "Bến Tre": "Vĩnh Long",
    "Trà Vinh": "Vĩnh Long",
    "Vĩnh Long": "Vĩnh Long",
    "Đồng Tháp": "Đồng Tháp",
    "An Giang": "An Giang",
    "Kiên Giang": "An Giang",
    "Cần Thơ": "Cần Thơ",
    "Hậu Giang": "Cần Thơ",
    "Sóc Trăng": "Cần Thơ",
    "Bạc Liêu": "Cà Mau",
    "Cà Mau": "Cà Mau",
}

# Centrally-run cities before the merger (Huế became one in January 2025).
PRE_2025_CITIES = {"Hà Nội", "Hải Phòng", "Huế", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"}

# English canonical names where the plain ASCII form of the Vietnamese name is not what the press writes.
CANONICAL = {"Hà Nội": "Hanoi", "Hồ Chí Minh": "Ho Chi Minh City", "Bà Rịa - Vũng Tàu": "Ba Ria-Vung Tau"}

# Other spellings seen in English-language Vietnamese news.
ALIASES = {
    "Hà Nội": ["Ha Noi", "Hà Nội"],
    "Hồ Chí Minh": ["HCM City", "HCMC", "Ho Chi Minh city", "TP.HCM", "Thành phố Hồ Chí Minh"],
    "Huế": ["Thua Thien Hue", "Thua Thien-Hue", "Thừa Thiên Huế", "Thừa Thiên-Huế"],
    "Hải Phòng": ["Haiphong"],
    "Đà Nẵng": ["Danang"],
    "Bà Rịa - Vũng Tàu": ["Ba Ria - Vung Tau", "Ba Ria – Vung Tau", "Ba Ria–Vung Tau", "Ba Ria Vung Tau", "BR-VT"],
    "Đắk Lắk": ["Daklak", "Dac Lac"],
    "Đắk Nông": ["Daknong"],
    "Kon Tum": ["Kontum"],
    "Bắc Kạn": ["Bac Can"],
    "Thanh Hóa": ["Thanh Hoá"],
    "Khánh Hòa": ["Khanh Hoa", "Khánh Hoà"],
    "Hòa Bình": ["Hoà Bình"],
}

# Capitalised words that, right before a place name, show it is part of a person's name
# ("Nguyen Thi Hue", "Tran Thai Binh"): common family names and middle names.
PERSON_NAME_SYLLABLES = [
    "Nguyen",
    "Tran",
    "Le",
    "Pham",
    "Hoang",
    "Huynh",
    "Phan",
    "Vu",
    "Vo",
    "Dang",
    "Bui",
    "Do",
    "Ho",
    "Ngo",
    "Duong",
    "Ly",
    "Dinh",
    "Trinh",
    "Truong",
    "Mai",
    "Lam",
    "Luong",
    "Ha",
    "Thi",
    "Van",
    "Duc",
    "Minh",
    "Thanh",
    "Quoc",
    "Huu",
    "Xuan",
    "Hong",
    "Kim",
    "Ngoc",
    "Cong",
    "Dinh",
    "Tuan",
    "Hai",
    "Anh",
    "Thu",
]


def english_name(vi: str) -> str:
    return CANONICAL.get(vi, ascii_form(vi))


def build() -> dict[str, object]:
    current = {p.name.removeprefix("Thành phố ").strip(): p for p in Province.iter_all()}
    assert set(PRE_2025.values()) == set(current), set(PRE_2025.values()) ^ set(current)
    units = []
    for vi, successor in PRE_2025.items():
        name = english_name(vi)
        aliases = {name, vi, ascii_form(vi), *ALIASES.get(vi, [])}
        aliases |= {ascii_form(a) for a in aliases}
        post = current.get(vi)
        unit: dict[str, object] = {
            "name": name,
            "name_vi": vi,
            "type": "city" if vi in PRE_2025_CITIES else "province",
            "pre_2025": True,
            "post_2025": post is not None,
            "merged_into": english_name(successor),
            "aliases": sorted(aliases),
        }
        if post is not None:
            unit["code"] = int(post.code.value)
            unit["type"] = "city" if post.division_type == VietNamDivisionType.THANH_PHO_TRUNG_UONG else "province"
            unit["merged_from"] = sorted(english_name(v) for v, s in PRE_2025.items() if s == vi and v != vi)
        units.append(unit)
    return {"units": units, "person_name_syllables": sorted(set(PERSON_NAME_SYLLABLES))}


def main() -> None:
    header = "# Generated by tools/build_places.py from the vietnam-provinces package; do not edit by hand.\n"
    OUTPUT.write_text(header + yaml.safe_dump(build(), allow_unicode=True, sort_keys=False, width=120), "utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
