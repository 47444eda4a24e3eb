"""Findings: what is wrong with an input, where, and by which rule — in Chinese and English.

Every layer reports problems the same way, so the CLI and the GUI print one kind of thing:
``FILE:SHEET!CELL: 标签 (element): rule``. A finding is data; its text is rendered on demand in
the language the user chose.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.Enum):
    ERROR = "error"  # the document is not converted
    WARNING = "warning"  # converted, but worth a look
    NOTE = "note"  # for information: a check that could not run (a partner document not in the journal)


@dataclass(frozen=True)
class Location:
    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None  # spreadsheet column letter
    path: str | None = None  # XML path for XML input

    @property
    def cell(self) -> str | None:
        if self.column and self.row:
            return f"{self.column}{self.row}"
        if self.row:
            return f"{self.row}"
        return None

    def __str__(self) -> str:
        text = self.file
        if self.sheet is not None:
            text += f":{self.sheet}"
            if self.cell:
                text += f"!{self.cell}"
        elif self.path:
            text += f":{self.path}"
        return text


#: rule id -> (Chinese template, English template). Templates use str.format fields.
RULES: dict[str, tuple[str, str]] = {
    # file level
    "file.missing": ("文件不存在", "file not found"),
    "file.not_xlsx": (
        "不是 Excel 工作簿（.xlsx 或 .xls）：{detail}。请在 Excel 中打开它并另存为 .xlsx",
        "not an Excel workbook (.xlsx or .xls): {detail}. Open it in Excel and save it as .xlsx",
    ),
    "file.ole_not_workbook": (
        "无法作为 Excel 97-2003 (.xls) 工作簿读取（{detail}）：文件可能设置了打开密码，或是 Word 等其他 "
        "Office 文件。请在 Excel 中打开它，去掉密码后另存为 .xlsx 再导入",
        "cannot be read as an Excel 97-2003 (.xls) workbook ({detail}): the file may be password "
        "protected, or another Office file such as a Word document. Open it in Excel, remove the "
        "password, save it as .xlsx and import that",
    ),
    "file.unreadable": ("无法读取文件：{detail}", "cannot read the file: {detail}"),
    "file.empty": ("文件中没有数据行", "the file has no data rows"),
    "file.unknown_type": (
        "无法识别单证类型：表头与任何模板都不匹配，请用 --type 指定",
        "cannot tell the document type: the header matches no template; use --type",
    ),
    "file.direction_unclear": (
        "无法判断是进口还是出口单证：表头同样符合“{first}”（--type {first_name}）和“{second}”"
        "（--type {second_name}），工作表名称也不能区分。请用 --type 指定，或使用 cebdesk template 生成的模板",
        "cannot tell import from export: the header fits {first!r} (--type {first_name}) and "
        "{second!r} (--type {second_name}) alike, and the sheet's name does not say which; name the "
        "type with --type, or use a template made by cebdesk template",
    ),
    "sheet.missing": ("找不到工作表 {sheet}", "sheet {sheet} not found"),
    "sheet.no_header": (
        "工作表没有可识别的表头（第1行中文名称或第2行元素名），{doc_label}模板的列一个也没找到",
        "no recognisable header row (Chinese labels or element names); "
        "none of the {doc_label} template's columns were found",
    ),
    "sheet.missing_columns": (
        "缺少必填列：{columns}",
        "required columns missing: {columns}",
    ),
    "sheet.other_direction": (
        "这些列是“{label}”的模板，不是“{chosen}”的：进口和出口单证有很多同名的列。请用 --type {name}，或不指定 --type 由程序识别",
        "these columns are the {label!r} template's, not {chosen!r}'s (import and export documents share "
        "many names); use --type {name}, or leave --type out and let the type be detected",
    ),
    "sheet.unknown_column": ("未知列，已忽略：{header}", "unknown column, ignored: {header}"),
    "sheet.duplicate_column": ("列重复：{header}", "duplicate column: {header}"),
    # the spreadsheets people already have: other names, column mappings, derived prices
    "sheet.unknown_column_near": (
        "未知列，已忽略：“{header}”。最接近的已知列：{closest}。如果这一列就是它，请改列名或设置列对应（--mapping）",
        "unknown column, ignored: \"{header}\". Closest known column: {closest}. If that is what it holds, "
        "rename it or map it (--mapping)",
    ),
    "sheet.same_element": (
        "列“{header}”与 {first_column} 列“{first}”是同一项 {label}（{element}），不知道该用哪一列。请删去一列",
        "column \"{header}\" and column {first_column} \"{first}\" both name {label} ({element}); "
        "cebdesk cannot tell which to use. Remove one of them",
    ),
    "mapping.invalid": (
        "列对应文件无法使用：{detail}。格式：[columns] 下每行 \"列名\" = \"元素名\"",
        "the column mapping file cannot be used: {detail}. Form: under [columns], one \"header\" = "
        "\"element\" a line",
    ),
    "mapping.unknown_element": (
        "列对应 {mapping} 把列“{header}”对应到“{element}”，但{doc_label}没有这个元素{closest}",
        "the column mapping {mapping} maps column \"{header}\" to \"{element}\", which {doc_label} does not "
        "have{closest}",
    ),
    "mapping.used": (
        "按列对应 {mapping} 读取了 {count} 列",
        "{count} columns read by the column mapping {mapping}",
    ),
    "line.price_derived": (
        "表中没有{label}，按 数量 × 单价 算得 {value}（保留 {digits} 位小数）",
        "no {label} in the file: {value} from quantity × unit price (to {digits} decimals)",
    ),
    "line.unit_price_derived": (
        "表中没有{label}，按 总价 ÷ 数量 算得 {value}（保留 {digits} 位小数）",
        "no {label} in the file: {value} from total price ÷ quantity (to {digits} decimals)",
    ),
    "sheet.no_key_in_list": (
        "表体工作表缺少关联列 {columns}，无法与表头对应",
        "the list sheet lacks the linking column(s) {columns}",
    ),
    # workbooks that are damaged, oversized or hide things (the Excel reader)
    "file.broken": (
        "文件已损坏，读到这里时出错（{part}：{detail}）。请在 Excel 中打开它，另存为新文件后再导入",
        "the file is damaged; reading failed here ({part}: {detail}). Open it in Excel, save it as "
        "a new file and import that",
    ),
    "file.read_failed": (
        "读取文件时出错（{detail}）。请检查磁盘或网络驱动器，把文件复制到本机后再导入",
        "reading the file failed ({detail}); check the disk or network drive, copy the file to this "
        "computer and import it again",
    ),
    "file.unpacked_too_large": (
        "文件解压后有 {size} MB，超过上限 {limit} MB（可能是“压缩炸弹”）。若文件确实正常，请用 "
        "--max-unpacked-mb 提高上限",
        "the file unpacks to {size} MB, more than the limit of {limit} MB (possibly a decompression "
        "bomb); if it is genuine, raise the limit with --max-unpacked-mb",
    ),
    "file.too_many_strings": (
        "共享字符串超过 {limit} 个（可能是“压缩炸弹”）。若文件确实正常，请用 --max-strings 提高上限",
        "more than {limit} shared strings (possibly a decompression bomb); if the file is genuine, "
        "raise the limit with --max-strings",
    ),
    "file.strings_too_large": (
        "共享字符串的文字超过 {limit} MB（可能是“压缩炸弹”）。若文件确实正常，请用 --max-strings-mb "
        "提高上限",
        "the shared strings hold more than {limit} MB of text (possibly a decompression bomb); if the "
        "file is genuine, raise the limit with --max-strings-mb",
    ),
    "sheet.too_many_rows": (
        "工作表超过 {limit} 行（含空行；可能是“压缩炸弹”）。请删除多余的行，或用 --max-rows 提高上限",
        "the sheet has more than {limit} rows, empty ones included (possibly a decompression bomb); "
        "delete the surplus rows or raise the limit with --max-rows",
    ),
    "sheet.hidden_skipped": (
        "工作表“{sheet}”已隐藏，未读取；如需导入，请在 Excel 中取消隐藏",
        "sheet {sheet!r} is hidden and was not read; unhide it in Excel to import it",
    ),
    "sheet.hidden": (
        "工作表“{sheet}”已隐藏，隐藏的工作表不会读取；请在 Excel 中取消隐藏后再导入",
        "sheet {sheet!r} is hidden, and hidden sheets are never read; unhide it in Excel and import again",
    ),
    "sheet.not_read": (
        "工作表“{sheet}”没有可用的{doc_label}表头（含单证编号列），未读取；已读取：{read}",
        "sheet {sheet!r} has no usable {doc_label} header (with the document number column) and was "
        "not read; read: {read}",
    ),
    "sheet.mixed_layouts": (
        "工作表 {flat} 是单表格式，{split} 是表头/表体分表格式：一个文件只能用一种格式，请分成两个文件",
        "sheets {flat} hold whole documents while {split} split them into head and list sheets; one "
        "file can use only one layout, split it into two files",
    ),
    "column.hidden": (
        "此列在 Excel 中已隐藏，其内容仍会申报",
        "this column is hidden in Excel; its values are declared all the same",
    ),
    "row.hidden": (
        "此行在 Excel 中已隐藏（筛选或隐藏行），仍会申报",
        "this row is hidden in Excel (filtered out or hidden); it is declared all the same",
    ),
    "group.key_in_other_sheet": (
        "{key} 已在工作表“{sheet}”第{first_row}行出现：同一单证不能出现在两个工作表中",
        "{key} already appears in sheet {sheet!r}, row {first_row}; one document cannot be in two sheets",
    ),
    # cells the reader cannot take as they are
    "cell.formula_no_value": (
        "公式 {value} 没有计算结果（文件由程序生成，未经 Excel 保存）。请在 Excel 中打开并保存，或直接填写值",
        "the formula {value} has no calculated value (the file was written by a program and never "
        "saved in Excel); open and save it in Excel, or type the value",
    ),
    "cell.error_value": (
        "单元格是错误值 {value}，请改正公式或填写值",
        "the cell holds the error value {value}; fix the formula or type the value",
    ),
    "cell.inexact_number": (
        "数字 {value} 超过 15 位有效数字，Excel 已丢失末尾几位。请把该列设为文本格式后重新输入",
        "the number {value} has more than 15 significant digits, so Excel has lost its last digits; "
        "format the column as text and type the value again",
    ),
    "cell.scientific": (
        "“{value}”是科学计数法显示的数字，原来的数字已丢失。请把该列设为文本格式后重新输入",
        "{value!r} is a number shown in scientific notation; its digits are lost. Format the column "
        "as text and type the value again",
    ),
    "cell.date": (
        "Excel 把此单元格存成了日期/时间（{value}）。请把该列设为文本格式后重新输入",
        "Excel stored a date or time here ({value}); format the column as text and type the value again",
    ),
    "cell.boolean": (
        "单元格是逻辑值 {value}（TRUE/FALSE），不是此字段的取值。请把该列设为文本格式后重新输入",
        "the cell holds the logical value {value} (TRUE/FALSE), not a value of this field; format the "
        "column as text and type the value again",
    ),
    "cell.invisible": (
        "含有 {count} 个不可见字符（{chars}，如零宽空格、BOM），已删除",
        "contained {count} invisible character(s) ({chars}: zero-width space, BOM…); removed",
    ),
    "cell.odd_space": (
        "含有不间断空格等特殊空白（{chars}），已换成普通空格",
        "contained no-break or other special spaces ({chars}); replaced by ordinary spaces",
    ),
    "cell.odd_space_in_code": (
        "第 {position} 个字符是不间断空格等特殊空白（{chars}）：编号和代码中不应有空格，请删除后重新输入",
        "character {position} is a no-break or other special space ({chars}); codes and numbers "
        "hold no spaces: delete it and type the value again",
    ),
    "cell.leading_zero_phone": (
        "电话号码 {value} 存成了数字，开头的 0（区号）会丢失。若号码以 0 开头，请把该列设为文本格式后重新输入",
        "the phone number {value} is stored as a number, which drops a leading 0 (area code); if the "
        "number begins with 0, format the column as text and type it again",
    ),
    "cell.leading_zero_id": (
        "证件号码 {value} 存成了数字，开头的 0 会丢失。若号码以 0 开头，请把该列设为文本格式后重新输入",
        "the ID number {value} is stored as a number, which drops leading zeros; if it begins with 0, "
        "format the column as text and type it again",
    ),
    # grouping
    "group.conflict": (
        "同一单证的表头值不一致：第{first_row}行为“{first}”，本行为“{value}”",
        "head value differs within one document: row {first_row} has {first!r}, this row {value!r}",
    ),
    "group.not_contiguous": (
        "{key} 的行不连续（已在第{first_row}行开始的单证中出现），请按该列排序后再导入",
        "rows of {key} are not contiguous (already used by the document starting at row "
        "{first_row}); sort by that column and import again",
    ),
    "group.orphan_line": (
        "表体行找不到对应表头（{key}）",
        "list row has no matching head row ({key})",
    ),
    "group.no_lines": ("单证没有表体（商品）行", "the document has no list (goods) rows"),
    # export documents (checks/export.py)
    "export.part_number": (
        "报文序号 {seq} 大于报文总数 {count}：拆分的报文从1连续编号到报文总数",
        "part number {seq} is greater than the number of parts {count}; parts run 1 to msgCount",
    ),
    "export.part_count_differs": (
        "报文总数 {count} 与同一单证前面的报文（{first}）不一致：拆分的各份报文总数相同",
        "msgCount {count} differs from an earlier part of the same document ({first}); every part "
        "gives the same count",
    ),
    "export.heading_form": (
        "商品编码须为10位，实际为4位：简化申报（A）按4位税目申报时，税目后补6个0，写成 {padded}",
        "the HS code must have 10 digits, not 4: a simplified declaration (A) giving the 4-digit "
        "heading writes it followed by six zeros, {padded}",
    ),
    "export.heading_full": (
        "商品编码须为10位，{value} 只有4位：汇总申报（B）须填写完整的10位商品编码",
        "the HS code must have 10 digits, {value} has 4: a summary declaration (B) needs the full "
        "10-digit code",
    ),
    "export.pair": (
        "已填写{other_label}（{other}），此项也须填写（两项须成对）",
        "{other} ({other_label}) is filled, so this must be filled too (they go in pairs)",
    ),
    "export.time_order": (
        "结束时间 {end} 早于开始时间 {start}：结束时间须大于等于开始时间",
        "the end time {end} is before the start time {start}; the end must not be earlier",
    ),
    "export.summary_empty": (
        "汇总申请单既没有清单编号（表体行），也没有汇总时间范围（汇总开始时间、结束时间）：请填写其一",
        "the summary names no inventory (list rows) and no time range (startTime, endTime); give one",
    ),
    "export.net_over_gross": (
        "净重 {net} 大于毛重 {gross}：毛重是货物连同包装的重量",
        "net weight {net} is more than gross weight {gross}; gross weight includes the packing",
    ),
    "export.line_total": (
        "总价 {total} 与 数量×单价（{qty}×{price}={expected}）不符，请核对",
        "total price {total} differs from quantity × unit price ({qty}×{price}={expected}); please check",
    ),
    "export.goods_value": (
        "商品金额 {value} 与表体总价合计 {sum} 不符，请核对",
        "goods value {value} differs from the sum of the lines' total prices {sum}; please check",
    ),
    "export.special_zone": (
        "贸易方式 {mode} 为特殊区域（保税）出口，此项必填",
        "trade mode {mode} is an export from a special (bonded) zone, which requires this value",
    ),
    "export.simplified_licence": (
        "申报业务类型为 A（简化申报），却填写了许可证号 {value}：涉及许可证的商品不能简化申报，请改为 B（汇总申报）",
        "statisticsFlag A (simplified declaration) but a licence number {value} is given: goods that "
        "need a licence cannot be declared the simplified way; use B (summary declaration)",
    ),
    "export.simplified_over_limit": (
        "申报业务类型为 A（简化申报），但清单货值合计 {sum} 元超过单票 {limit} 元人民币的限额，请改为 B（汇总申报）",
        "statisticsFlag A (simplified declaration) but the goods total {sum} yuan is above the "
        "{limit} yuan a single ticket may hold; use B (summary declaration)",
    ),
    "export.heading_only": (
        "商品编码 {value} 只到4位税目（后6位为0）：只有申报业务类型 A（简化申报）可按4位税目申报，B（汇总申报）须填写10位商品编码",
        "HS code {value} gives only the 4-digit heading (last six digits 0): only statisticsFlag A "
        "(simplified declaration) may declare at heading level; B needs the full 10-digit code",
    ),
    "group.too_many_lines": (
        "表体超过 {limit} 行（本单第{count}行）",
        "more than {limit} list rows (this is row {count} of the document)",
    ),
    "group.duplicate_key": (
        "单证编号重复：{key} 已在第{first_row}行出现",
        "duplicate document key: {key} already at row {first_row}",
    ),
    # field level
    "field.required": ("必填项为空", "required value is missing"),
    "field.too_long": (
        "长度 {length} 超过上限 {max}",
        "length {length} exceeds the maximum of {max}",
    ),
    "field.too_short": ("长度 {length} 小于下限 {min}", "length {length} is below the minimum {min}"),
    "field.wrong_length": (
        "长度必须为 {expected}，实际为 {length}",
        "length must be {expected}, is {length}",
    ),
    "field.not_decimal": ("“{value}”不是数字", "{value!r} is not a number"),
    "field.decimal_digits": (
        "数字“{value}”超出格式 N{total},{fraction}（整数最多 {integer} 位，小数最多 {fraction} 位）",
        "number {value!r} does not fit N{total},{fraction} "
        "(at most {integer} integer and {fraction} decimal digits)",
    ),
    "field.not_int": ("“{value}”不是整数", "{value!r} is not a whole number"),
    "field.int_digits": (
        "整数“{value}”超过 {total} 位",
        "whole number {value!r} has more than {total} digits",
    ),
    "field.negative": ("不能为负数：{value}", "must not be negative: {value}"),
    "field.below_minimum": ("不能小于 {minimum}：{value}", "must be at least {minimum}: {value}"),
    "field.padded": (
        "首尾有空白：“{value}”。海关按原样比对，请删去首尾的空格、制表符或换行",
        "{value!r} has leading or trailing spaces; customs compares values as they are, remove them",
    ),
    "field.guid_case": (
        "“{value}”含小写字母；标准要求 36 位唯一序号，英文字母大写",
        "{value!r} has lower-case letters; the standard asks for a 36-character id in upper case",
    ),
    "field.guid_format": (
        "“{value}”不是大写 UUID（8-4-4-4-12 位十六进制）；标准要求系统生成的唯一序号，请确认它确实唯一",
        "{value!r} is not an upper-case UUID (8-4-4-4-12 hex digits); the standard asks for a "
        "generated unique id, make sure it is one",
    ),
    # identity numbers (buyerIdType / payerIdType 1: 18-digit resident ID, GB 11643)
    "id.format": (
        "身份证号码应为 18 位：17 位数字加 1 位校验码（数字或 X），实际为“{value}”（{length} 位）",
        "an ID card number has 18 characters: 17 digits and a check character (a digit or X); "
        "{value!r} has {length}",
    ),
    "id.region": (
        "身份证号码前两位 {province} 不是省级行政区划代码",
        "the first two digits {province} of the ID card number are not a province code",
    ),
    "id.birth_date": (
        "身份证号码中的出生日期 {birth} 不成立（须为 1900 年以后、不晚于今天的真实日期）",
        "the birth date {birth} in the ID card number is impossible (a real date from 1900 to today)",
    ),
    "id.check_digit": (
        "身份证号码校验码不符（GB 11643）：末位应为 {expected}，实际为 {actual}，请核对号码",
        "the ID card number's check character is wrong (GB 11643): {expected} expected, {actual} "
        "found; check the number",
    ),
    "id.lowercase_x": (
        "身份证号码末位校验码应为大写 X（GB 11643），不能写成小写 x",
        "the check character of the ID card number is an upper-case X (GB 11643), not x",
    ),
    "field.bad_date": (
        "“{value}”不是有效的时间，格式应为 {format}",
        "{value!r} is not a valid time; the format is {format}",
    ),
    "field.unknown_code": (
        "代码“{value}”不在{table}中（可选：{allowed}）",
        "code {value!r} is not in its code table (allowed: {allowed})",
    ),
    "field.uncommon_code": (
        "代码“{value}”不在已知的{table}列表中，请核对",
        "code {value!r} is not in the known code list; please check",
    ),
    "field.unknown_code_near": (
        "代码“{value}”不在{table}中；相近的有：{near}。请填写代码",
        "code {value!r} is not in its code table; closest names: {near}. Enter the code",
    ),
    "field.uncommon_code_near": (
        "代码“{value}”不在已知的{table}列表中；相近的有：{near}，请核对",
        "code {value!r} is not in the known code list; closest names: {near}; please check",
    ),
    "field.pattern": ("“{value}”{rule}", "{value!r}: {rule_en}"),
    "field.bad_char": (
        "含有 XML 不允许的控制字符（位置 {position}）",
        "contains a control character XML does not allow (position {position})",
    ),
    "field.gnum_duplicate": ("序号 {value} 重复", "line number {value} is used twice"),
    "field.gnum_sequence": (
        "序号应从1开始连续编号，此处应为 {expected}，实际为 {value}",
        "line numbers must run 1, 2, 3…; expected {expected} here, found {value}",
    ),
    "field.gnum_partial": (
        "序号要么全部填写，要么全部留空（自动编号）",
        "fill every line number or none (then they are numbered automatically)",
    ),
    # message level
    "message.signature_required": (
        "{message} 必须签名才能申报；未提供签名密钥，输出文件需签名后再发送",
        "{message} must be signed to be declared; no signing key was given, "
        "sign the output before sending it",
    ),
    "message.not_ceb": ("不是 CEB 报文：根元素为 {root}", "not a CEB message: the root element is {root}"),
    "message.unknown_type": ("不支持的报文类型 {root}", "unsupported message type {root}"),
    "message.unknown_element": ("未知元素 {element}", "unknown element {element}"),
    "message.missing_element": ("缺少元素 {element}", "element {element} is missing"),
    "message.order": ("元素 {element} 位置不对（应按标准顺序）", "element {element} is out of order"),
    "message.too_many": (
        "{element} 最多 {limit} 个，实际 {count} 个",
        "at most {limit} {element}, found {count}",
    ),
    "message.wrong_namespace": (
        "元素 {element} 的命名空间应为 {expected}",
        "element {element} must be in namespace {expected}",
    ),
    "message.unknown_attribute": ("未知属性 {attribute}", "unknown attribute {attribute}"),
    "message.repeated": (
        "元素 {element} 重复（只能出现一次）",
        "element {element} appears more than once (one is allowed)",
    ),
    "message.empty_element": (
        "元素 {element} 为空：请填写有效值，或删去这个可选元素",
        "element {element} is empty: give it a valid value or leave the optional element out",
    ),
    "message.stray_text": (
        "元素 {element} 中有多余的文字“{text}”（这里只能有子元素）",
        "stray text {text!r} inside {element} (only child elements belong there)",
    ),
    "message.duplicate_key": (
        "单证 {key} 在本报文中出现两次（第一次在 {first}）",
        "document {key} appears twice in this message (first at {first})",
    ),
    "xml.malformed": ("XML 格式错误：{detail}", "malformed XML: {detail}"),
    "xml.forbidden": (
        "拒绝处理：XML 含 DTD/实体声明（{detail}），可能是 XXE 或实体膨胀攻击",
        "refused: the XML has a DTD or entity declarations ({detail}); "
        "possible XXE or entity-expansion attack",
    ),
    "xml.too_large": (
        "XML 文件过大（{size} 字节，上限 {limit}）",
        "XML file too large ({size} bytes, limit {limit})",
    ),
    "xml.encoding_mismatch": (
        "文件声明的编码是 {declared}，但内容是 {actual} 字节，按声明读取只会得到乱码。CEB 报文使用 "
        "UTF-8：请以 UTF-8 保存并声明 encoding=\"UTF-8\"",
        "the file declares {declared} but its bytes are {actual}; read as declared they would be "
        "mojibake. CEB messages are UTF-8: save the file as UTF-8 and declare encoding=\"UTF-8\"",
    ),
    "xml.not_utf8": (
        "报文编码为 {encoding}；CEB 报文应使用 UTF-8（cebdesk 转换后输出 UTF-8）",
        "the message is encoded in {encoding}; CEB messages are UTF-8 (cebdesk writes UTF-8 when it "
        "converts)",
    ),
    # signatures (cebdesk verify)
    "sig.none": ("没有签名（ds:Signature）", "no signature (ds:Signature)"),
    "sig.not_allowed": (
        "{message} 是海关回执，不应带签名",
        "{message} is a customs receipt and must not carry a signature",
    ),
    "sig.receipt_unsigned": (
        "{message} 是海关回执：回执不签名，没有可验的签名",
        "{message} is a customs receipt: receipts are not signed, there is nothing to verify",
    ),
    "sig.position": (
        "ds:Signature 位置不对：{expected}",
        "ds:Signature is in the wrong place: {expected}",
    ),
    "sig.structure": ("签名结构不完整：缺少 {element}", "incomplete signature: {element} is missing"),
    "sig.unknown_uri": ("未知的 {what}：{uri}", "unknown {what}: {uri}"),
    "sig.uri_mismatch": ("算法不一致：{detail}", "algorithms do not match: {detail}"),
    "sig.nonstandard_uri": (
        "{what} 使用了非 202205 标准的 URI {uri}（标准为 {expected}）",
        "{what} uses the non-202205 URI {uri} (the standard's is {expected})",
    ),
    "sig.bad_certificate": ("X509Certificate 无法解析：{detail}", "X509Certificate does not parse: {detail}"),
    "sig.digest_changed": (
        "摘要不符（DigestValue）：报文内容在签名后被改动",
        "digest mismatch (DigestValue): the content changed after signing",
    ),
    "sig.digest_whitespace": (
        "摘要不符（DigestValue）：签名后在 ds:Signature 前后加入了空白或换行（例如拼接字符串、重新排版）",
        "digest mismatch (DigestValue): whitespace was added around ds:Signature after signing",
    ),
    "sig.digest_reformatted": (
        "摘要不符（DigestValue）：签名后报文被重新排版（缩进、换行改变）",
        "digest mismatch (DigestValue): the file was re-formatted (indentation) after signing",
    ),
    "sig.digest_comments": (
        "摘要不符（DigestValue）：签名方把注释算进了摘要（标准为不含注释的 C14N）",
        "digest mismatch (DigestValue): the signer digested comments too (the standard's C14N has none)",
    ),
    "sig.value_mismatch": (
        "签名值不符（SignatureValue）：SignedInfo 在签名后被改动，或 X509Certificate 不是签名所用的证书",
        "signature value does not match: SignedInfo changed after signing, or the X509Certificate "
        "is not the certificate that signed",
    ),
    "sig.keyname_mismatch": (
        "KeyName “{key_name}” 与证书序列号 {serial} 不符",
        "KeyName {key_name!r} is not the certificate serial {serial}",
    ),
    "sig.keyname_padding": (
        "KeyName “{key_name}” 未补足偶数位（应为 {serial}）",
        "KeyName {key_name!r} is not zero-padded to an even length (should be {serial})",
    ),
    "sig.expired": ("签名证书已过期（{date}）", "the signing certificate expired on {date}"),
    "sig.not_yet_valid": (
        "签名证书尚未生效（{date} 起）",
        "the signing certificate is not valid before {date}",
    ),
    # cross-document checks (三单对碰: an import inventory against its order, payment and waybill)
    # and the buyer's limits (checks/cross.py, checks/limits.py)
    "cross.differs": (
        "与{partner}不一致：清单为“{value}”，{partner_doc}的{partner_label}（{partner_element}）为“{partner_value}”。"
        "海关三单对碰不一致将退单",
        "disagrees with the {partner_en}: the inventory says {value!r}, the {partner_doc_en}'s "
        "{partner_element} says {partner_value!r}; customs refuses an inventory its order, payment and "
        "waybill do not match",
    ),
    "cross.goods_value": (
        "表体总价（totalPrice）合计 {value}，{partner}的商品金额（goodsValue）为“{partner_value}”：两者应一致",
        "the lines' totalPrice add up to {value}, the {partner_en}'s goodsValue is {partner_value!r}: they must "
        "be equal",
    ),
    "cross.order_sum": (
        "{partner}的实际支付金额（acturalPaid）为“{partner_value}”，而商品金额 {goods} + 运费 {freight} + 代扣税款 "
        "{tax} - 非现金抵扣金额 {discount} = {expected}：两者应一致（支付凭证的支付金额也须与之相同）",
        "the {partner_en}'s acturalPaid is {partner_value!r}, but goodsValue {goods} + freight {freight} + "
        "taxTotal {tax} - discount {discount} = {expected}: they must be equal (and the payment must carry it)",
    ),
    "cross.line_differs": (
        "与{partner}第 {partner_gnum} 项商品不一致：清单为“{value}”，订单的{partner_label}（{partner_element}）为"
        "“{partner_value}”",
        "disagrees with line {partner_gnum} of the {partner_en}: the inventory says {value!r}, the order's "
        "{partner_element} says {partner_value!r}",
    ),
    "cross.paid": (
        "{partner}的支付金额（amountPaid）为“{partner_value}”，订单 {order} 的实际支付金额（acturalPaid）为"
        "“{value}”：两者应一致",
        "the {partner_en}'s amountPaid is {partner_value!r}, the order {order}'s acturalPaid is {value!r}: "
        "they must be equal",
    ),
    "cross.line_missing": (
        "{partner}的第 {partner_gnum} 项商品（{item}）在清单中没有对应的表体（按 gnum、itemNo 或商品名称对应）",
        "line {partner_gnum} of the {partner_en} ({item}) has no matching inventory line (matched by gnum, "
        "itemNo or name)",
    ),
    "cross.line_extra": (
        "清单第 {gnum} 项商品（{item}）在{partner}中没有对应的商品",
        "inventory line {gnum} ({item}) is not among the goods of the {partner_en}",
    ),
    "cross.partner_missing": (
        "日志中没有{wanted}（{key}），未能核对：{checks}。{advice}",
        "no {wanted_en} ({key}) in the journal, so these checks could not run: {checks_en}. {advice_en}",
    ),
    "cross.partner_refused": (
        "{partner}已被海关退单（{status}），清单将无法对碰通过",
        "customs refused the {partner_en} ({status}); the inventory cannot be matched against it",
    ),
    "limit.single": (
        "订购人 {buyer}（{id_number}）本单完税价格 {value} 元（商品 {goods} + 运费 {freight} + 保价费 {insured}），"
        "超过单次交易限值 {limit} 元。海关将以 -621005（购买金额超过单笔限额）退单",
        "buyer {buyer} ({id_number}): this purchase is worth RMB {value} (goods {goods} + freight {freight} + "
        "insurance {insured}), over the single-transaction limit of RMB {limit}; customs refuses it with "
        "-621005 (over the single limit)",
    ),
    "limit.annual": (
        "订购人 {buyer}（{id_number}）{year} 年已申报 {before} 元（{count} 张清单），加本单 {value} 元共 {total} 元，"
        "超过年度交易限值 {limit} 元。海关将以 -621018（购买将超过年度限额）退单",
        "buyer {buyer} ({id_number}) has RMB {before} declared in {year} ({count} inventories); with this one "
        "(RMB {value}) that makes RMB {total}, over the annual limit of RMB {limit}; customs refuses it with "
        "-621018 (the purchase would exceed the annual limit)",
    ),
    "limit.no_rate": (
        "币制 {currency} 没有汇率，无法核对订购人的交易限值：请在配置文件 [rates] 中填写 1 单位外币折合人民币元数"
        "（如 USD = \"7.1\"）；外币不会按 1:1 折算",
        "no rate for currency {currency}, so the buyer's limits cannot be checked: add RMB for one unit to "
        "the profile's [rates] (e.g. USD = \"7.1\"); a currency is never taken 1:1",
    ),
    "limit.setting": (
        "配置文件 [limits] {key} = “{value}” 不是正数金额",
        "[limits] {key} = {value!r} in the profile is not a positive amount",
    ),
    "profile.setting": ("{zh}", "{en}"),
    "profile.missing": (
        "缺少企业档案中的 {element}（BaseTransfer），请在 --profile 文件的 [transfer] 中填写",
        "the enterprise profile lacks {element} (BaseTransfer); set it in the [transfer] table "
        "of the --profile file",
    ),
    "profile.unknown_default": (
        "[defaults] 中的“{element}”不是任何单证的元素：请检查拼写（区分大小写；表体与表头同名的元素写作 OrderList.currency 这样）",
        "{element!r} in [defaults] is no element of any document: check the spelling (case matters; a "
        "list element named like a head one is written OrderList.currency)",
    ),
    # a broker's clients (cebdesk/clients.py)
    "profile.client_no_ebc": (
        "企业档案的客户 [clients.\"{client}\"] 缺少 ebcCode（电商企业代码）：按它选择客户、查询和汇总",
        "the profile's client [clients.\"{client}\"] has no ebcCode (e-commerce enterprise code): "
        "documents, the status filter and the summary find the client by it",
    ),
    "profile.client_code": (
        "企业档案的客户 [clients.\"{client}\"] 中 {key} = “{value}”（{length} 位）不是企业代码："
        "应为 10 位海关注册编码或 18 位统一社会信用代码（字母和数字）",
        "{key} = {value!r} ({length} characters) of the profile's client [clients.\"{client}\"] is no "
        "enterprise code: 10 characters (customs registration) or 18 (unified social credit code), "
        "letters and digits",
    ),
    "profile.client_same_code": (
        "企业档案的客户 [clients.\"{client}\"] 与 [clients.\"{other}\"] 的 ebcCode 同为 {code}："
        "按电商企业代码无法区分，请合并或改正",
        "the profile's clients [clients.\"{client}\"] and [clients.\"{other}\"] have the same "
        "ebcCode {code}: documents cannot tell them apart; merge or correct them",
    ),
    "client.mismatch": (
        "所选客户“{client}”的电商企业代码为 {expected}，此单证写的是 {value}：整个文件未导入。"
        "请选择对应的客户（或“按电商企业代码”），或改正单元格",
        "the client chosen, {client!r}, has ebcCode {expected}, this document names {value}: the "
        "whole file was not taken. Choose that document's client (or \"by ebcCode\"), or correct the cell",
    ),
}


@dataclass(frozen=True)
class Finding:
    location: Location
    rule: str
    severity: Severity = Severity.ERROR
    element: str | None = None  # "orderNo" or "OrderList.qty"
    label: str | None = None  # "订单编号"
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise ValueError(f"unknown rule {self.rule!r}")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def message(self, lang: str = "zh") -> str:
        zh, en = RULES[self.rule]
        template = en if lang == "en" else zh
        try:
            return template.format(**self.params)
        except (KeyError, IndexError):  # a template/params mismatch must not hide the finding
            return f"{template} {self.params}"

    def render(self, lang: str = "zh") -> str:
        parts = [str(self.location)]
        if self.element:
            name = f"{self.label} ({self.element})" if self.label else self.element
            parts.append(name)
        if self.severity is Severity.WARNING:
            parts.append("警告" if lang != "en" else "warning")
        elif self.severity is Severity.NOTE:
            parts.append("提示" if lang != "en" else "note")
        parts.append(self.message(lang))
        return ": ".join(parts)

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        loc = self.location
        return {
            "file": loc.file,
            "sheet": loc.sheet,
            "row": loc.row,
            "column": loc.column,
            "cell": loc.cell if loc.sheet is not None else None,
            "path": loc.path,
            "element": self.element,
            "label": self.label,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message(lang),
            # a cross-document finding names the other document (its journal id when known)
            **({"partner": self.params["partner_ref"]} if "partner_ref" in self.params else {}),
        }


class InputError(Exception):
    """A whole input cannot be used; carries the findings that say why."""

    def __init__(self, findings: list[Finding]):
        super().__init__("; ".join(f.render("en") for f in findings))
        self.findings = findings
