<?xml version='1.0' encoding='UTF-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name/>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="148"/>
        <source>格式：{format}</source>
        <extracomment>Enterprises by the prefix of their code and name elements (ebpCode/ebpName …). How many label/field pairs a row of a group holds. How long typing pauses before the checks run (ms).</extracomment>
        <translation>Format: {format}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="150"/>
        <source>标准名称：{label}</source>
        <translation>Name in the standard: {label}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="152"/>
        <source>代码表可能不全：表外的代码只给警告</source>
        <translation>The code table may be incomplete: a code outside it is only a warning</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/app.py" line="60"/>
        <source>无法连接共享日志</source>
        <translation>Shared journal out of reach</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/app.py" line="61"/>
        <source>企业档案指定的共享日志（服务器）无法连接，cebdesk 不能打开。</source>
        <translation>The shared journal (a server) the profile names does not answer; cebdesk cannot open.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/app.py" line="63"/>
        <source>确认服务器在运行、网络通畅、口令在 ~/.pgpass 或 PGPASSWORD 中；请管理员查看服务器。</source>
        <translation>Check that the server runs and can be reached, and that the password is in ~/.pgpass or PGPASSWORD; ask the office's administrator.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/app.py" line="66"/>
        <source>重试</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/app.py" line="67"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <location filename="../../cebdesk/gui/entry_dialogs.py" line="149"/>
        <source>撤销申请</source>
        <translation>Cancellation</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_dialogs.py" line="151"/>
        <source>为 {type} {key}（清单编号 {invt}）提交撤销申请单。海关同意后清单撤销，不能恢复。</source>
        <translation>Declare a cancellation of {type} {key} (invtNo {invt}). Once customs agrees, the inventory is cancelled for good.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_dialogs.py" line="155"/>
        <source>签名并提交撤销</source>
        <translation>Sign and declare the cancellation</translation>
    </message>
</context>
<context>
    <name>DiffDialog</name>
    <message>
        <location filename="../../cebdesk/gui/entry_dialogs.py" line="55"/>
        <source>变更内容</source>
        <translation>What the modification changes</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_dialogs.py" line="59"/>
        <source>{type} {key} 将作为变更（appType 2）签名并发送，海关以新的内容为准：</source>
        <translation>{type} {key} will be signed and sent as a modification (appType 2); customs takes the new values:</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_dialogs.py" line="69"/>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_dialogs.py" line="69"/>
        <source>行</source>
        <translation>Line</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_dialogs.py" line="69"/>
        <source>原值</source>
        <translation>Old value</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_dialogs.py" line="69"/>
        <source>新值</source>
        <translation>New value</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_dialogs.py" line="78"/>
        <location filename="../../cebdesk/gui/entry_dialogs.py" line="79"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_dialogs.py" line="96"/>
        <source>签名并发送变更</source>
        <translation>Sign and send the modification</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_dialogs.py" line="98"/>
        <source>返回修改</source>
        <translation>Back to editing</translation>
    </message>
</context>
<context>
    <name>EntryWindow</name>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="844"/>
        <source>单证类型：</source>
        <extracomment>opens another entry window (the main window's, so that it follows the journal)</extracomment>
        <translation>Document type:</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="860"/>
        <source>暂存</source>
        <translation>Save draft</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="862"/>
        <source>保存为草稿（appStatus 1），不发送；可在“查询”页重新打开继续填写（Ctrl+S）</source>
        <translation>Keep as a draft (appStatus 1), not sent; reopen it from the Query page to go on (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="865"/>
        <location filename="../../cebdesk/gui/entry_view.py" line="939"/>
        <source>申报</source>
        <translation>Declare</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="866"/>
        <source>检查后记入日志，签名并发送（appStatus 2）</source>
        <translation>Check, journal, sign and send (appStatus 2)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="867"/>
        <source>复制为新单证</source>
        <translation>Duplicate as new</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="868"/>
        <source>用这些内容开始一个新单证（新的编号和 guid），原单证不变</source>
        <translation>Start a new document with these values (a new number and guid); this one stays as it is</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="869"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="928"/>
        <source>变更已发送的单证（#{id}）：申报时先列出变更内容，确认后作为变更（appType 2）签名发送</source>
        <translation>Modifying a sent document (#{id}): declaring lists the changes first, then signs and sends them as a modification (appType 2)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="933"/>
        <source>单证 #{id}：{state}</source>
        <translation>Document #{id}: {state}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="935"/>
        <source>新单证</source>
        <translation>New document</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="937"/>
        <source>单证录入 — {type}</source>
        <translation>Document entry — {type}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="939"/>
        <source>申报变更…</source>
        <translation>Declare the modification…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="951"/>
        <location filename="../../cebdesk/gui/entry_view.py" line="994"/>
        <source>有 {count} 处错误，未申报：请按标红的字段修改</source>
        <translation>{count} error(s), nothing declared: correct the fields marked in red</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="980"/>
        <source>已暂存为草稿（#{id}），没有发送</source>
        <translation>Saved as draft #{id}; nothing was sent</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="1014"/>
        <source>没有改动，不需要变更</source>
        <translation>Nothing was changed: no modification to send</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="1020"/>
        <source>没有发送变更</source>
        <translation>The modification was not sent</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="1010"/>
        <location filename="../../cebdesk/gui/entry_view.py" line="1034"/>
        <source>已记入日志，待签名发送</source>
        <translation>Journaled, waiting to be signed and sent</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="1048"/>
        <source>没有发送：{reason}</source>
        <translation>Not sent: {reason}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="1049"/>
        <source>单证已记入日志、待发送：再点“申报”，或在“发送与回执”页发送。</source>
        <translation> The document is journaled and waits to be sent: click Declare again, or send it from Outbox &amp; receipts.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="1064"/>
        <source>已申报：发送 {documents} 个单证；回执在“发送与回执”和“查询”页查看</source>
        <translation>Declared: {documents} document(s) sent; receipts show on the Outbox and Query pages</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="1091"/>
        <source>复制的新单证：还没有保存</source>
        <translation>A copy as a new document: not saved yet</translation>
    </message>
</context>
<context>
    <name>HomeController</name>
    <message>
        <location filename="../../cebdesk/gui/home_view.py" line="181"/>
        <source>今天 {day}</source>
        <extracomment>a number was clicked: the query page, with this StatusQuery a link to another page was clicked: its name in PAGES (准备工作, 汇总申报)</extracomment>
        <translation>Today {day}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/home_view.py" line="203"/>
        <source>；需要自己办理的手续已办 {done}/{total} 项</source>
        <translation>; steps to take yourself: {done}/{total} done</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/home_view.py" line="216"/>
        <source>没有读到证书（见准备工作）</source>
        <translation>No certificate was read (see Readiness)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/home_view.py" line="218"/>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/home_view.py" line="218"/>
        <source>尚未检查</source>
        <translation>Not checked yet</translation>
    </message>
</context>
<context>
    <name>HomeView</name>
    <message>
        <location filename="../../cebdesk/gui/home_view.py" line="106"/>
        <source>点数字查看这些单证。</source>
        <translation>Click a number to see those documents.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/home_view.py" line="110"/>
        <source>需要留意</source>
        <translation>To keep an eye on</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/home_view.py" line="117"/>
        <source>打开准备工作</source>
        <translation>Open Readiness</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/home_view.py" line="120"/>
        <source>打开汇总申报</source>
        <translation>Open Monthly summary</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/home_view.py" line="121"/>
        <source>汇总申报</source>
        <translation>Monthly summary</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/home_view.py" line="123"/>
        <source>传输客户端</source>
        <translation>Transfer client</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/home_view.py" line="129"/>
        <source>证书</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/home_view.py" line="130"/>
        <source>准备工作</source>
        <translation>Readiness</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="247"/>
        <source>选择文件</source>
        <translation>Choose files</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="271"/>
        <source>保存模板</source>
        <translation>Save template</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="278"/>
        <source>已保存模板 {path}</source>
        <translation>Template saved to {path}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="379"/>
        <source>可发送</source>
        <translation>ready to send</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="377"/>
        <source>有错误</source>
        <translation>has errors</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="237"/>
        <source>客户：按电商企业代码</source>
        <extracomment>a send found nothing waiting (no PIN was asked): why a finding's partner document to show (journal id, message type, business key)</extracomment>
        <translation>Client: by ebcCode</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="258"/>
        <source>正在读取 {files}…</source>
        <translation>Reading {files}…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="290"/>
        <source>没有找到能打开 {name} 的程序（Excel 或 WPS）。请手动打开这个文件：{path}</source>
        <translation>No program was found to open {name} (Excel or WPS). Open the file yourself: {path}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="338"/>
        <source>{total} 个单证：可发送 {good}，有错误 {bad}</source>
        <translation>{total} documents: {good} ready to send, {bad} with errors</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="342"/>
        <source>，已发送过 {sent}</source>
        <translation>, sent before {sent}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="417"/>
        <source>查看{document} {key}…</source>
        <translation>Open the {document} {key}…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="418"/>
        <source>在查询页打开日志中的这个单证（#{id}）</source>
        <translation>Show this document of the journal (#{id}) on the query page</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="431"/>
        <source>文件：{file}　工作表：{sheet}　单元格：{cell}　{label} {element}：{message}</source>
        <translation>File: {file}   sheet: {sheet}   cell: {cell}   {label} {element}: {message}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="484"/>
        <source>还没有打开文件：先点“打开文件…”；已导入的待发送单证在“发送与回执”页发送。</source>
        <translation>No file is open: click “Open files…” first; documents already imported and waiting are sent from the “Outbox &amp; receipts” page.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="489"/>
        <source>本席位没有签名方式：用“只导入”记入共享日志，由签名工作站签名发送；或在设置页选择签名方式</source>
        <translation>This seat has no signer: use Import only to put them in the shared journal, and the signing station signs and sends them; or choose a signer on the settings page</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="491"/>
        <source>请先在设置中配置企业档案和签名方式</source>
        <translation>Set up the enterprise profile and the signer in Settings first</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="525"/>
        <source>还没有打开文件：先点“打开文件…”。</source>
        <translation>No file open yet: click Open files… first.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="528"/>
        <source>请先在设置中配置企业档案</source>
        <translation>Set up the enterprise profile in Settings first</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="542"/>
        <source>已记入日志 {documents} 个单证：新增 {new}，未变 {same}，有改动 {changed}</source>
        <translation>{documents} documents in the journal: {new} new, {same} unchanged, {changed} changed</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="546"/>
        <source>；{count} 个有错误，未记入</source>
        <translation>; {count} with errors, not journaled</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="548"/>
        <source>；由签名工作站签名发送</source>
        <translation>; the signing station signs and sends them</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="550"/>
        <source>；在“发送与回执”页签名发送</source>
        <translation>; sign and send them on the Outbox &amp; receipts page</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="567"/>
        <location filename="../../cebdesk/gui/import_view.py" line="568"/>
        <source>没有待发送的单证</source>
        <translation>Nothing is waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="573"/>
        <source>{unchanged} 个已发送过，未改动；{bad} 个有错误</source>
        <translation>{unchanged} sent before, unchanged; {bad} with errors</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="575"/>
        <source>{count} 个已发送过，未改动</source>
        <translation>{count} sent before, unchanged</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="577"/>
        <source>{count} 个有错误</source>
        <translation>{count} with errors</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="578"/>
        <source>没有要发送的单证：{reason}</source>
        <translation>Nothing to send: {reason}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="584"/>
        <source>已发送 {messages} 个报文，{documents} 个单证</source>
        <translation>{messages} messages sent, {documents} documents</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="588"/>
        <source>（已取消：已发送的保持不变）</source>
        <translation>(cancelled: what was sent stays sent)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="590"/>
        <source>（已停止：{reason}）</source>
        <translation>(stopped: {reason})</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="593"/>
        <source>：{count} 个已发送过的单证在文件中有改动，已记下；在“查询”页选中后作为变更（appType 2）重发</source>
        <translation>: {count} document(s) sent before were changed in the file; the changes are kept: select them on the Query page and resend them as a modification (appType 2)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="596"/>
        <source>：已发送过，未改动</source>
        <translation>: sent before, unchanged</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="625"/>
        <source>，剩余约 {seconds} 秒</source>
        <translation>, about {seconds} s left</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="629"/>
        <source>{rate} 个/秒</source>
        <translation>{rate} per second</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="639"/>
        <source>未能读取 {files}</source>
        <translation>Could not read {files}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="493"/>
        <location filename="../../cebdesk/gui/import_view.py" line="644"/>
        <source>无法完成：{reason}</source>
        <translation>Could not finish: {reason}</translation>
    </message>
</context>
<context>
    <name>ImportView</name>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="59"/>
        <source>打开文件…</source>
        <translation>Open files…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="61"/>
        <source>自动识别类型</source>
        <translation>Detect the type</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="66"/>
        <source>文件属于哪个客户：空单元格填入该客户的默认值；“按电商企业代码”时每个单证按其 ebcCode 选择</source>
        <translation>The client the files are for: empty cells take that client's defaults; with "by ebcCode" each document's client is chosen by its ebcCode</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="69"/>
        <source>下载模板</source>
        <translation>Templates</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="74"/>
        <source>用 Excel 打开</source>
        <translation>Open in Excel</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="76"/>
        <source>签名并发送</source>
        <translation>Sign and send</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="77"/>
        <source>发送选中的单证；没有选中时发送全部可发送的单证</source>
        <translation>Sends the selected documents; with none selected, every document ready to send</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="80"/>
        <source>只导入</source>
        <translation>Import only</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="82"/>
        <source>记入日志，不签名、不发送：由签名工作站（共享日志）或稍后在“发送与回执”页发送</source>
        <translation>Into the journal without signing or sending: the signing station sends it (shared journal), or send it later on the Outbox &amp; receipts page</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="94"/>
        <source>把 Excel 或 XML 文件拖到这里，或点“打开文件”。</source>
        <translation>Drop Excel or XML files here, or click “Open files”.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="105"/>
        <source>中文名</source>
        <translation>Chinese label</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="105"/>
        <source>元素</source>
        <translation>Element</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="105"/>
        <source>值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="135"/>
        <source>{rate} 个/秒，剩余约 {seconds} 秒</source>
        <translation>{rate}/s, about {seconds} s left</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="137"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>JournalController</name>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="229"/>
        <source>无法读入回执：{reason}</source>
        <translation>Receipts could not be read: {reason}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="263"/>
        <source>共 {total} 个单证，待发送 {pending}，待回执 {waiting}</source>
        <translation>{total} document(s), {pending} waiting to be sent, {waiting} waiting for a receipt</translation>
    </message>
</context>
<context>
    <name>JournalView</name>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="125"/>
        <source>全部单证</source>
        <translation>All documents</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="89"/>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="83"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="96"/>
        <source>按编号、类型或状态筛选</source>
        <translation>Filter by number, type or status</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="75"/>
        <source>发送待发送单证</source>
        <extracomment>The columns narrowed when the table is too wide for its page (the receipts pane shows them whole).</extracomment>
        <translation>Send waiting documents</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="100"/>
        <source>更新自</source>
        <translation>Updated since</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="434"/>
        <source>cebdesk — 跨境电商统一版申报</source>
        <translation>cebdesk — cross-border e-commerce declarations</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="121"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="73"/>
        <location filename="../../cebdesk/gui/main_window.py" line="152"/>
        <source>返回我的工作区</source>
        <translation>Back to my workspace</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="126"/>
        <source>新建单证…</source>
        <translation>New document…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="130"/>
        <source>打开文件…</source>
        <translation>Open files…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="133"/>
        <source>签名并发送</source>
        <translation>Sign and send</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="136"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="140"/>
        <source>页面(&amp;P)</source>
        <translation>&amp;Pages</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="149"/>
        <source>演示与测试(&amp;T)</source>
        <translation>Demo &amp;&amp; &amp;Test</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="150"/>
        <source>打开演示工作区（测试密钥）</source>
        <translation>Open the demo workspace (test key)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="154"/>
        <location filename="../../cebdesk/gui/main_window.py" line="587"/>
        <source>启动本地海关模拟器（测试）</source>
        <translation>Start the local customs simulator (TEST)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="162"/>
        <source>停止模拟器</source>
        <translation>Stop simulator</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="220"/>
        <source>USB 密钥：{label}</source>
        <translation>USB key: {label}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="222"/>
        <source>密钥文件：{name}</source>
        <translation>Key file: {name}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="224"/>
        <source>电子口岸卡</source>
        <translation>E-Port card</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="226"/>
        <source>未设置签名</source>
        <translation>No signer set</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="228"/>
        <source>未设置企业档案</source>
        <translation>No enterprise profile</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="229"/>
        <source>HTTP 上传</source>
        <translation>HTTP upload</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="229"/>
        <source>目录</source>
        <translation>folder</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="232"/>
        <source>【演示】</source>
        <translation>[DEMO] </translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="237"/>
        <source>{transfer}　|　{signer}　|　{mode}：{folder}　|　待回执 {pending} / 共 {total}</source>
        <translation>{transfer}  |  {signer}  |  {mode}: {folder}  |  awaiting receipts {pending} / {total}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="253"/>
        <source>汇总申报截止 {due}（{days} 个工作日）</source>
        <translation>Summary due {due} ({days} working days)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="279"/>
        <source>欢迎使用 cebdesk</source>
        <translation>Welcome to cebdesk</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="282"/>
        <source>还没有企业档案。可以先填写企业档案，或者用演示数据试一试：演示在单独的演示工作区中进行（测试密钥、示例 Excel、本地海关模拟器），一分钟内看到回执，随时可以返回自己的工作区。</source>
        <translation>There is no enterprise profile yet. Fill one in, or try the demo first: it runs in a separate demo workspace (test key, sample Excel files, local customs simulator), shows receipts within a minute, and you can go back to your own workspace at any time.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="309"/>
        <source>正在准备演示数据（测试密钥、示例 Excel、本地海关模拟器）…</source>
        <translation>Preparing the demo data (test key, sample Excel files, local customs simulator)…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="326"/>
        <source>演示</source>
        <translation>Demo</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="326"/>
        <source>无法准备演示数据：{reason}</source>
        <translation>Could not prepare the demo data: {reason}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="340"/>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="340"/>
        <source>请等当前任务完成后再切换工作区。</source>
        <translation>Please wait until the current job has finished before switching workspaces.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="371"/>
        <source>把 Excel 或 XML 文件拖到这里，或点“打开文件”。</source>
        <translation>Drop Excel or XML files here, or click “Open files”.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="429"/>
        <source>演示模式：测试密钥（DEMO TEST）和演示企业，报文不会发往海关。演示数据在 {folder}</source>
        <translation>DEMO mode: a test key (DEMO TEST) and a demo company; nothing goes to customs. Demo data in {folder}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="432"/>
        <source>cebdesk — 演示模式（测试密钥，报文不会发往海关）</source>
        <translation>cebdesk — DEMO mode (test key, nothing goes to customs)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="445"/>
        <location filename="../../cebdesk/gui/main_window.py" line="467"/>
        <source>共享日志：{name}</source>
        <translation>Shared journal: {name}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="447"/>
        <source>多个席位共用的日志（服务器）：{where}。其他席位导入、发送和读入的回执会自动显示。</source>
        <translation>The journal several seats share (a server): {where}. What other seats import and send, and the receipts they read, show up here by themselves.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="453"/>
        <source>本机日志</source>
        <translation>This computer's journal</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="465"/>
        <source>共享日志已恢复连接。</source>
        <translation>The shared journal answers again.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="472"/>
        <source>共享日志无法连接</source>
        <translation>Shared journal out of reach</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="483"/>
        <source>日志数据库暂时无法使用，刚才的操作没有完成；恢复后再试一次</source>
        <translation>The journal's database cannot be used now; that was not done. Try again once it is back</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="496"/>
        <source>现在是演示模式</source>
        <translation>You are in the demo</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="498"/>
        <source>现在是演示模式：导入的文件会用测试密钥签名，存入演示工作区，不会发往海关。</source>
        <translation>You are in the demo: imported files are signed with the test key and kept in the demo workspace; nothing goes to customs.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="500"/>
        <source>这是您自己的文件吗？返回您自己的工作区再导入。</source>
        <translation>Are these your own files? Go back to your own workspace and import them there.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="502"/>
        <source>返回我的工作区并导入</source>
        <translation>Back to my workspace, then import</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="503"/>
        <source>在演示中导入</source>
        <translation>Import into the demo</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="533"/>
        <location filename="../../cebdesk/gui/main_window.py" line="544"/>
        <source>本地海关模拟器（测试）</source>
        <translation>Local customs simulator (TEST)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="534"/>
        <source>当前传输方式是 HTTP 上传，报文不经过 send/ 目录，模拟器收不到。</source>
        <translation>Messages are uploaded by HTTP and never pass through send/, so the simulator cannot see them.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="537"/>
        <source>测试 HTTP 方式：在命令行运行 cebdesk simulate --http 127.0.0.1:8000，并在设置中把上传地址设为 http://127.0.0.1:8000/cebmsg。</source>
        <translation>To test HTTP: run cebdesk simulate --http 127.0.0.1:8000 on the command line and set the upload address in Settings to http://127.0.0.1:8000/cebmsg.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="546"/>
        <source>本地海关模拟器只用于测试：它会取走 {send} 中的报文（这些报文不会再交给海关），并在 {receive} 放入模拟回执。</source>
        <translation>The local customs simulator is for testing only: it takes the messages in {send} (they will not reach customs any more) and puts simulated receipts into {receive}.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="549"/>
        <source>请只在没有连接真实传输客户端的测试工作区中使用。要启动吗？</source>
        <translation>Use it only in a test workspace that no real transfer client reads. Start it?</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="558"/>
        <source>本地海关模拟器已停止：{reason}</source>
        <translation>The local customs simulator stopped: {reason}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="577"/>
        <source>● 海关模拟器（测试）运行中，已处理 {count} 个报文</source>
        <translation>● Customs simulator (TEST) running: {count} message(s) handled</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="580"/>
        <source>本地海关模拟器（测试）取走 {send} 中的报文，回执放入 {receive}</source>
        <translation>The local customs simulator (TEST) takes the messages in {send} and puts receipts into {receive}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="587"/>
        <source>停止本地海关模拟器</source>
        <translation>Stop the local customs simulator</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="285"/>
        <source>填写企业档案</source>
        <translation>Set up the profile</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="286"/>
        <source>用演示数据试一试</source>
        <translation>Try the demo data</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <location filename="../../cebdesk/gui/mapping_dialog.py" line="55"/>
        <source>列对应</source>
        <extracomment>Findings that mean the header was not (wholly) understood: the dialog is offered for their file.</extracomment>
        <translation>Column mapping</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/mapping_dialog.py" line="60"/>
        <source>“{name}”（工作表“{sheet}”）的列名与标准不同。请为每一列选择它对应的项目，保存后以后同样表头的文件都按此读取。</source>
        <translation>The columns of “{name}” (sheet “{sheet}”) are named differently from the standard. Choose what each column holds; once saved, every file with the same header is read this way.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/mapping_dialog.py" line="71"/>
        <source>单证类型</source>
        <translation>Document type</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/mapping_dialog.py" line="88"/>
        <source>保存列对应</source>
        <translation>Save mapping</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/mapping_dialog.py" line="109"/>
        <source>（不读取）</source>
        <translation>(not read)</translation>
    </message>
</context>
<context>
    <name>MappingOffer</name>
    <message>
        <location filename="../../cebdesk/gui/mapping_dialog.py" line="142"/>
        <source>列对应…</source>
        <translation>Map columns…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/mapping_dialog.py" line="144"/>
        <source>文件的列名与标准不同：选择每一列对应的项目并保存</source>
        <translation>The file's column names differ from the standard: choose what each column holds and save</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/mapping_dialog.py" line="185"/>
        <source>列对应已保存：{path}</source>
        <translation>Column mapping saved: {path}</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../cebdesk/gui/dialogs.py" line="38"/>
        <source>输入口令</source>
        <translation>Enter PIN</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/dialogs.py" line="42"/>
        <source>密钥 / 令牌：</source>
        <translation>Key / token:</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/dialogs.py" line="44"/>
        <source>证书：</source>
        <translation>Certificate:</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/dialogs.py" line="48"/>
        <source>口令：</source>
        <translation>PIN:</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/dialogs.py" line="60"/>
        <source>口令只用于本批次，不会保存；输错不会自动重试。</source>
        <translation>The PIN is used for this batch only and never stored; a wrong PIN is not retried.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/dialogs.py" line="56"/>
        <source>我已核对口令，确认使用最后一次机会（输错将锁死密钥）</source>
        <translation>I have checked the PIN: use the last try (a wrong PIN locks the key)</translation>
    </message>
</context>
<context>
    <name>QueryController</name>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="277"/>
        <source>标准名称：{label}</source>
        <extracomment>open the entry window: keyword arguments of ``EntryWindow`` (doc_type, document_id, head, lines, modify) sends what waits in the journal with the usual PIN dialog (the main window's send)</extracomment>
        <translation>Name in the standard: {label}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="324"/>
        <source>找到 {count} 个单证</source>
        <translation>{count} documents found</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="331"/>
        <source>全部客户</source>
        <translation>All clients</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="373"/>
        <source>日志中没有单证 #{id}（已删除？）</source>
        <translation>The journal has no document #{id} (deleted?)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="442"/>
        <source>海关在回执中给出</source>
        <translation>Given by customs in a receipt</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="460"/>
        <source>（尚未发送）</source>
        <translation>(not sent yet)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="482"/>
        <source>（第 {gnum} 行）</source>
        <translation> (line {gnum})</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="488"/>
        <source>已发送</source>
        <translation>sent</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="492"/>
        <source>海关</source>
        <translation>Customs</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="492"/>
        <source>海关回执</source>
        <translation>Customs receipt</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="510"/>
        <location filename="../../cebdesk/gui/query_view.py" line="517"/>
        <source>先在表中选择单证</source>
        <translation>Select a document in the table first</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="512"/>
        <source>把选中的单证（可多选）按日志中的内容原样作为变更（appType 2）再发一次；要改内容请用“变更…”</source>
        <translation>Send the selected documents (several may be chosen) again as they are in the journal, as a modification (appType 2); to change their content use Modify…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="579"/>
        <source>删除单证</source>
        <translation>Delete document</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="580"/>
        <source>删除 {label} {key}？</source>
        <translation>Delete {label} {key}?</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="582"/>
        <source>未发送的单证作废（保留版本记录）；已发送的单证向海关申报删除（appType 3），需要签名发送。</source>
        <translation>A document never sent is discarded (its versions are kept); a sent one is deleted at customs (appType 3), signed and sent.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="594"/>
        <source>单证已作废（从未发送）</source>
        <translation>The document was discarded (it was never sent)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="595"/>
        <source>单证已删除（海关没有这份单证的记录，无需发送）</source>
        <translation>The document was deleted (customs has no record of it; nothing to send)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="596"/>
        <source>删除（appType 3）已记入日志，签名后发送</source>
        <translation>The deletion (appType 3) is journaled; it is sent once signed</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="628"/>
        <source>撤销申请已记入日志（单证 #{id}），签名后发送</source>
        <translation>The cancellation is journaled (document #{id}); it is sent once signed</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="655"/>
        <source>退货申请已记入日志（单证 #{id}），签名后发送</source>
        <translation>The return request is journaled (document #{id}); it is sent once signed</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="663"/>
        <source>没有已发送的报文可验签</source>
        <translation>No sent message to verify</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="667"/>
        <source>签名有效</source>
        <translation>Valid signature</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="667"/>
        <source>签名无效</source>
        <translation>Signature NOT valid</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="677"/>
        <source>查询结果</source>
        <translation>Results</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="678"/>
        <source>回执信息</source>
        <translation>Receipt text</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="685"/>
        <source>已导出 {rows} 行到 {path}</source>
        <translation>{rows} rows exported to {path}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="692"/>
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="692"/>
        <source>查询结果.xlsx</source>
        <translation>results.xlsx</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="704"/>
        <source>先在表中选择要重发的单证</source>
        <translation>Select the documents to resend in the table first</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="708"/>
        <source>没有重发</source>
        <translation>Nothing was resent</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="711"/>
        <source>{count} 个单证将作为变更（appType 2）发送</source>
        <translation>{count} documents will be sent as modifications (appType 2)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="719"/>
        <source>作为变更重发？</source>
        <translation>Resend as a modification?</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="726"/>
        <source>{count} 个单证海关已经有了结论（审结、放行、结关或退运）：</source>
        <translation>Customs has already decided on {count} document(s) (cleared, released, closed or returned):</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="732"/>
        <source>海关不受理已审结或已放行清单的变更（appType 2）：这样重发只会收到海关的异常回执，已放行的结果不会改变。要更正已放行的清单，须先提交撤销申请单（CEB623），海关同意撤销后再重新申报；清单状态不允许撤销时，海关回执 -623005。</source>
        <translation>Customs does not accept a modification (appType 2) of a cleared or released inventory: resending it only brings back an error receipt, and the release stands. To correct a released inventory, file a cancellation request (撤销申请单, CEB623) first and declare again once customs has cancelled it; when the inventory's status does not allow a cancellation, customs answers -623005.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="737"/>
        <source>仍然作为变更重发</source>
        <translation>Resend as a modification anyway</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="738"/>
        <source>不重发</source>
        <translation>Do not resend</translation>
    </message>
</context>
<context>
    <name>QueryView</name>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="83"/>
        <source>全部</source>
        <extracomment>Statuses after which customs has decided (审结 399, 放行 800, 结关 899, 退运 700): a modification (appType 2) of such a document is not what customs accepts.</extracomment>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="91"/>
        <source>全部情况</source>
        <translation>Any outcome</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="94"/>
        <source>已发送：按报文的发送日期查；其他：按单证最后变化的日期查</source>
        <translation>Sent: by the day the message went; the others: by the day the document last changed</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="96"/>
        <source>按客户的电商企业代码查询；支付单按电商平台代码，运单按该客户清单中的运单号</source>
        <translation>Documents of the client's ebcCode; payments by the platform's ebpCode, waybills by the logisticsNo the client's inventories name</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="99"/>
        <source>订单编号 / 运单号 / 清单编号 / 企业编号</source>
        <translation>Order / waybill / inventory / enterprise number</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="101"/>
        <source>订购人 / 支付人 / 收货人（进口单证）</source>
        <translation>Buyer / payer / consignee (import documents)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="103"/>
        <source>回执状态，如 800、-621004</source>
        <translation>Receipt status, e.g. 800, -621004</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="116"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="118"/>
        <source>到</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="123"/>
        <source>查询</source>
        <translation>Query</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="124"/>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="125"/>
        <source>作为变更重发（appType 2）</source>
        <translation>Resend as modification (appType 2)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="134"/>
        <source>新建单证…</source>
        <translation>New document…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="135"/>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="136"/>
        <source>变更…</source>
        <translation>Modify…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="137"/>
        <source>复制为新单证…</source>
        <translation>Duplicate as new…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="138"/>
        <source>删除…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="139"/>
        <source>撤销申请…</source>
        <translation>Cancel inventory…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="140"/>
        <source>退货申请…</source>
        <translation>Return request…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="161"/>
        <source>元素</source>
        <translation>Element</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="161"/>
        <source>中文名</source>
        <translation>Chinese label</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="161"/>
        <source>值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="169"/>
        <source>重新验签</source>
        <translation>Verify again</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="175"/>
        <source>表头</source>
        <translation>Head</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="176"/>
        <source>表体</source>
        <translation>Lines</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="177"/>
        <source>报文</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="178"/>
        <source>签名</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="179"/>
        <source>回执</source>
        <translation>Receipts</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="184"/>
        <source>版本号</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="190"/>
        <source>版本</source>
        <translation>Versions</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="184"/>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="184"/>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="184"/>
        <source>时间</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="184"/>
        <source>变更</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="202"/>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
</context>
<context>
    <name>ReadinessController</name>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="304"/>
        <source>无法完成检查：{reason}</source>
        <extracomment>a check started (the home page says so until the result comes) a step was ticked or unticked (the home page counts them)</extracomment>
        <translation>The checks could not be completed: {reason}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="320"/>
        <source>（检查于 {time}）</source>
        <translation> (checked at {time})</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="362"/>
        <source>（{day} 已办好）</source>
        <translation> (done on {day})</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="391"/>
        <source>无法写入 {path}：{reason}</source>
        <translation>Cannot write {path}: {reason}</translation>
    </message>
</context>
<context>
    <name>ReadinessView</name>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="122"/>
        <source>能自动检查的项目</source>
        <translation>What can be checked</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="127"/>
        <source>重新检查</source>
        <translation>Check again</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="129"/>
        <source>检查企业档案、签名方式和证书、报文目录、回执、时钟和日志（不会要求输入口令）</source>
        <translation>Checks the profile, the signer and certificate, the exchange folders, receipts, the clock and the journal (no PIN is asked)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="131"/>
        <source>输入口令检查证书…</source>
        <translation>Check the certificate with the password…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="133"/>
        <source>密钥文件（.p12）中的证书要用口令才能读出：口令只用于这一次检查，不保存</source>
        <translation>The certificate inside the key file (.p12) can only be read with its password: it is used for this check only and not kept</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="143"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="143"/>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="143"/>
        <source>检查结果</source>
        <translation>Found</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="143"/>
        <source>怎么做</source>
        <translation>What to do</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="158"/>
        <source>需要自己办理的手续（无法自动检查，办好后打勾）</source>
        <translation>Steps to take yourself (they cannot be checked; tick each when done)</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../cebdesk/gui/entry_dialogs.py" line="116"/>
        <source>原因（必填）：</source>
        <translation>Reason (required):</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <location filename="../../cebdesk/gui/entry_dialogs.py" line="173"/>
        <source>退货申请</source>
        <translation>Return request</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_dialogs.py" line="174"/>
        <source>为 {type} {key} 提交退货申请单。选择退货的商品和数量：</source>
        <translation>Declare a return request for {type} {key}. Choose the goods and quantities coming back:</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_dialogs.py" line="180"/>
        <source>全部商品</source>
        <translation>All goods</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_dialogs.py" line="181"/>
        <source>部分商品</source>
        <translation>Some goods</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_dialogs.py" line="189"/>
        <source>序号</source>
        <translation>Line</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_dialogs.py" line="189"/>
        <source>商品名称</source>
        <translation>Goods name</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_dialogs.py" line="189"/>
        <source>原数量</source>
        <translation>Declared quantity</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_dialogs.py" line="189"/>
        <source>退货数量</source>
        <translation>Quantity returned</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_dialogs.py" line="218"/>
        <source>签名并提交退货</source>
        <translation>Sign and declare the return</translation>
    </message>
</context>
<context>
    <name>SettingsController</name>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="688"/>
        <source>HTTP 方式需要上传地址</source>
        <translation>HTTP mode needs an upload address</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="563"/>
        <source>默认：{folder}</source>
        <translation>default: {folder}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="487"/>
        <source>密钥文件 (*.p12 *.pfx *.pem *.key);;所有文件 (*)</source>
        <translation>Key files (*.p12 *.pfx *.pem *.key);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="489"/>
        <source>证书 (*.pem *.crt *.cer);;所有文件 (*)</source>
        <translation>Certificates (*.pem *.crt *.cer);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="576"/>
        <source>当前工作区：{data}　　档案文件：{profile}　　发送/接收目录：{outbox}</source>
        <translation>Workspace: {data}    profile file: {profile}    outbox: {outbox}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="580"/>
        <source>演示工作区（测试密钥，不能向海关申报）</source>
        <translation>Demo workspace (test key, never for customs)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="670"/>
        <source>默认值第 {row} 行：缺少元素名</source>
        <translation>Default values, row {row}: the element name is missing</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="673"/>
        <source>默认值中 {element} 出现了两次</source>
        <translation>{element} appears twice among the default values</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="682"/>
        <source>默认值 {element} 同时填入进口单证（{import_label}）和出口单证（{export_label}）</source>
        <translation>The default {element} fills both import documents ({import_label}) and export documents ({export_label})</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="691"/>
        <source>请填写传输客户端目录（其中有 IMPCEB、EXPCEB）</source>
        <translation>Fill in the transfer client's folder (the one holding IMPCEB and EXPCEB)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="695"/>
        <source>文件不存在：{path}</source>
        <translation>File not found: {path}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="701"/>
        <source>SM2 机制号应为数字，如 0x80000100：{value}</source>
        <translation>the SM2 mechanism must be a number such as 0x80000100: {value}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="716"/>
        <source>客户第 {row} 行：缺少客户名称</source>
        <translation>Clients row {row}: the client has no name</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="718"/>
        <source>客户“{name}”出现了两次</source>
        <translation>Client "{name}" is there twice</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="722"/>
        <source>客户“{name}”：无法读取“{piece}”，应写作 元素=值</source>
        <translation>Client "{name}": cannot read "{piece}"; write element=value</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="727"/>
        <source>客户“{name}”：“{element}”不是任何单证的元素</source>
        <translation>Client "{name}": "{element}" is no element of any document</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="758"/>
        <source>企业档案已在别处修改</source>
        <translation>The profile was changed elsewhere</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="759"/>
        <source>{path} 在本页打开后已被修改（手工编辑或另一个窗口）。</source>
        <translation>{path} was changed after this page showed it (edited by hand, or by another window).</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="761"/>
        <source>重新载入：显示文件中的内容，放弃本页的修改。覆盖：用本页的内容替换文件，文件中的修改会丢失。</source>
        <translation>Reload: show what the file says and drop this page's edits. Overwrite: replace the file with this page; the changes made in the file are lost.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="763"/>
        <source>重新载入</source>
        <translation>Reload</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="764"/>
        <source>覆盖</source>
        <translation>Overwrite</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="765"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="784"/>
        <source>已重新载入 {path}；本页的修改未保存</source>
        <translation>{path} read again; this page's edits were not saved</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="798"/>
        <source>无法写入 {path}：{reason}</source>
        <translation>Cannot write {path}: {reason}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="810"/>
        <source>已保存到 {path}</source>
        <translation>Saved to {path}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="843"/>
        <source>没有找到传输客户端的设置（%LOCALAPPDATA%\SIC\UserSetting\DFWJobSettings.xml）</source>
        <translation>The transfer client's settings were not found (%LOCALAPPDATA%\SIC\UserSetting\DFWJobSettings.xml)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="850"/>
        <source>传输客户端的目录：{folders}（保存后生效）</source>
        <translation>The transfer client's folders: {folders} (in use once saved)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="862"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="863"/>
        <source>界面语言已改为 {language}，重新启动 cebdesk 后生效。</source>
        <translation>The interface language is now {language}. It applies after cebdesk is restarted.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="871"/>
        <source>选择文件</source>
        <translation>Choose files</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="891"/>
        <source>{label} {serial} 至 {until}</source>
        <translation>{label} {serial} until {until}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="898"/>
        <source>没有找到令牌</source>
        <translation>No token found</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="218"/>
        <source>企业档案（传输企业 [transfer]）</source>
        <translation>Enterprise profile (transmitting enterprise, [transfer])</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="228"/>
        <source>默认值（[defaults]：单元格为空时填入报文）</source>
        <translation>Default values ([defaults]: used when a cell is empty)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="232"/>
        <source>元素</source>
        <translation>Element</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="232"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="232"/>
        <source>值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="232"/>
        <source>用于</source>
        <translation>Used for</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="249"/>
        <source>添加一行</source>
        <translation>Add a row</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="250"/>
        <source>删除所选行</source>
        <translation>Remove selected rows</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="265"/>
        <source>客户（[clients]：报关行代理的电商企业；其值优先于默认值）</source>
        <translation>Clients ([clients]: the e-commerce enterprises a broker declares for; their values win over the defaults)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="280"/>
        <source>添加客户</source>
        <translation>Add client</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="281"/>
        <source>删除所选客户</source>
        <translation>Remove selected clients</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="288"/>
        <source>导入时按单证的电商企业代码（ebcCode）选择客户，也可在导入页指定；其他默认值写作 元素=值，以分号隔开，如 logisticsCode=1101180326; assureCode=1105910159</source>
        <translation>Each document's client is chosen by its ebcCode on import, or named on the Import page; write other defaults as element=value separated by semicolons, e.g. logisticsCode=1101180326; assureCode=1105910159</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="296"/>
        <source>签名 [signer]</source>
        <translation>Signing [signer]</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="301"/>
        <source>签名方式</source>
        <translation>Signer</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="304"/>
        <location filename="../../cebdesk/gui/settings_view.py" line="305"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="307"/>
        <source>密钥文件</source>
        <translation>Key file</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="308"/>
        <source>证书文件（PEM 密钥时）</source>
        <translation>Certificate file (for PEM keys)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="316"/>
        <source>查找令牌</source>
        <translation>Find tokens</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="320"/>
        <source>PKCS#11 驱动</source>
        <translation>PKCS#11 module</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="323"/>
        <source>令牌</source>
        <translation>Token</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="325"/>
        <source>密钥标签</source>
        <translation>Key label</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="327"/>
        <source>可选，十六进制</source>
        <translation>optional, hexadecimal</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="328"/>
        <source>密钥 ID</source>
        <translation>Key ID</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="330"/>
        <source>可选，如 0x80000100</source>
        <translation>optional, e.g. 0x80000100</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="331"/>
        <source>SM2 机制号</source>
        <translation>SM2 mechanism</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="333"/>
        <source>客户端控件地址</source>
        <translation>Card control address</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="336"/>
        <source>传输 [exchange]</source>
        <translation>Exchange [exchange]</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="344"/>
        <source>校验 HTTPS 证书</source>
        <translation>Verify the HTTPS certificate</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="353"/>
        <source>cebdesk 自己的目录（send/ receive/）</source>
        <translation>cebdesk's own folders (send/ receive/)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="354"/>
        <source>传输客户端的目录（IMPCEB/EXPCEB 的 OutBox、InBox）</source>
        <translation>The transfer client's folders (OutBox, InBox of IMPCEB/EXPCEB)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="356"/>
        <source>读取传输客户端的设置</source>
        <translation>Read the transfer client's settings</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="360"/>
        <source>报文目录格式</source>
        <translation>Folder layout</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="361"/>
        <source>传输客户端目录</source>
        <translation>Transfer client folder</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="411"/>
        <source>（未知元素）</source>
        <translation>(unknown element)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="339"/>
        <source>目录（传输客户端取走 send/ 中的文件）</source>
        <translation>Folder (the transfer client takes files from send/)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="253"/>
        <source>元素名如 logisticsCode；表体与表头同名时写作 表体名.元素名，如 OrderList.currency（进口、出口订单）、InventoryList.country（进口、出口清单）</source>
        <translation>Element names such as logisticsCode; where a line element has the same name as a head element, write list.element, e.g. OrderList.currency (import and export orders), InventoryList.country (import and export inventories)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="340"/>
        <source>HTTP 上传</source>
        <translation>HTTP upload</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="343"/>
        <source>用 DxpMsg 封装（终端节点）</source>
        <translation>Wrap in DxpMsg (terminal node)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="346"/>
        <source>方式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="347"/>
        <source>上传地址</source>
        <translation>Upload address</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="348"/>
        <source>回执下载地址</source>
        <translation>Receipts address</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="351"/>
        <source>发送/接收目录</source>
        <translation>Send / receive folder</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="363"/>
        <source>中文</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="365"/>
        <source>重新启动 cebdesk 后生效</source>
        <translation>Applies after cebdesk is restarted</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="370"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="379"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>SummaryController</name>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="181"/>
        <location filename="../../cebdesk/gui/summary_view.py" line="245"/>
        <source>全部客户</source>
        <extracomment>the next deadline or the lists waiting changed: (text, look) what the last declaration did, said above the next preview's figures</extracomment>
        <translation>All clients</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="259"/>
        <source>月份格式为 YYYY-MM，例如 2026-01</source>
        <translation>A month is written YYYY-MM, e.g. 2026-01</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="267"/>
        <source>{month} 放行清单的汇总申报截止日：{due}</source>
        <translation>Summary of the lists released in {month} due by {due}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="269"/>
        <source>（{nominal} 逢{why}，顺延）</source>
        <translation> ({nominal} falls on {why}: moved)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="276"/>
        <source>，已过（本月没有待汇总的清单）</source>
        <translation>, passed (no list of the month waits to be summarised)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="279"/>
        <source>，已逾期 {days} 天</source>
        <translation>, missed by {days} day(s)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="281"/>
        <source>：点“预览”查看是否还有未汇总的清单</source>
        <translation>: click "Preview" to see whether lists still wait</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="284"/>
        <source>，今天是最后一天</source>
        <translation>, today is the last day</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="287"/>
        <source>，还剩 {days} 个工作日</source>
        <translation>, {days} working day(s) left</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="312"/>
        <source>下一个汇总申报截止日 {due}（{month} 放行的清单），还剩 {days} 个工作日</source>
        <translation>Next summary deadline {due} (lists released in {month}), {days} working day(s) left</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="319"/>
        <source>；待汇总清单 {count} 票</source>
        <translation>; lists waiting: {count}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="322"/>
        <source>；以前月份逾期 {count} 票</source>
        <translation>; overdue from earlier months: {count}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="340"/>
        <source>正在读取 {month} 放行的出口清单…</source>
        <translation>Reading the export inventories released in {month}…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="373"/>
        <source>无法预览：{reason}</source>
        <translation>Cannot preview: {reason}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="404"/>
        <source>报关单 {n}</source>
        <translation>Declaration {n}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="405"/>
        <source>{items} 项商品，{lists} 票清单</source>
        <translation>{items} goods item(s), {lists} list(s)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="412"/>
        <source>毛重 / 净重</source>
        <translation>Gross / net weight</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="416"/>
        <source>商品项</source>
        <translation>Goods items</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="422"/>
        <source>商品 {n}</source>
        <translation>Item {n}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="426"/>
        <source>清单</source>
        <translation>Inventories</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="446"/>
        <source>汇总报关单 ({count})</source>
        <translation>Declarations ({count})</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="447"/>
        <source>简化申报（汇总统计） ({count})</source>
        <translation>Summary statistics ({count})</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="448"/>
        <source>不能汇总 ({count})</source>
        <translation>Cannot be summarised ({count})</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="449"/>
        <source>以前月份逾期 ({count})</source>
        <translation>Overdue from earlier months ({count})</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="451"/>
        <source>{month}：放行 {released} 票，汇总为 {declarations} 份报关单（{lists} 票），汇总统计 {statistics} 票，不能汇总 {refused} 票</source>
        <translation>{month}: {released} released, {declarations} declaration(s) of {lists} list(s), {statistics} for summary statistics, {refused} cannot be summarised</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="457"/>
        <source>已汇总 {count} 票</source>
        <translation>{count} summarised</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="457"/>
        <source>汇总待回执 {count} 票</source>
        <translation>{count} in a summary awaiting customs</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="458"/>
        <source>已撤销 {count} 票</source>
        <translation>{count} cancelled</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="460"/>
        <source>不再汇总：</source>
        <translation>Not offered again: </translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="482"/>
        <source>尚无回执</source>
        <translation>no receipt yet</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="484"/>
        <source>汇总申请单 {copNo}</source>
        <translation>Summary application {copNo}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="485"/>
        <source>电商企业 {ebc}，清单 {lists} 票，海关状态 {status}；预览为 {expected} 份报关单</source>
        <translation>ebcCode {ebc}, {lists} list(s), customs status {status}; the preview expects {expected} declaration(s)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="494"/>
        <source>汇总统一编号 {number}</source>
        <translation>declSeqNo {number}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="495"/>
        <source>报关单编号 {entry}，报关单状态 {state}，清单 {lists} 票，商品项 {items}</source>
        <translation>declaration no. {entry}, state {state}, {lists} list(s), {items} goods item(s)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="496"/>
        <source>（未生成）</source>
        <translation>(not yet)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="501"/>
        <source>尚未收到汇总结果单（CEB792）</source>
        <translation>no summary result (CEB792) yet</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="503"/>
        <source>与预览的归并一致</source>
        <translation>as the preview merged them</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="506"/>
        <source>差异</source>
        <translation>Differences</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="520"/>
        <source>申报结果 ({count})</source>
        <translation>Customs results ({count})</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="522"/>
        <source>申报结果 ({count}，差异 {differences})</source>
        <translation>Customs results ({count}, differences {differences})</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="536"/>
        <source>请先在设置中配置企业档案和签名方式</source>
        <translation>Set up the enterprise profile and the signer in Settings first</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="540"/>
        <source>汇总申报</source>
        <translation>Monthly summary</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="542"/>
        <source>把 {month} 放行的 {lists} 票清单按预览汇总申报（{declarations} 份报关单）？将生成汇总申请单（CEB701），签名后发送；日志中其他待发单证也一并发出。</source>
        <translation>Declare the {lists} list(s) released in {month} as previewed ({declarations} declaration(s))? Summary applications (CEB701) are made, signed and sent; other documents waiting in the journal are sent too.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="546"/>
        <source>不能汇总的 {count} 票不在其中：修改后另行申报。</source>
        <translation>The {count} list(s) that cannot be summarised are not included: correct them and declare them later.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="562"/>
        <source>正在签名并发送 {month} 的汇总申请单…</source>
        <translation>Signing and sending the summary applications of {month}…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="572"/>
        <source>汇总申请单不符合字段规则，未记入任何单证：</source>
        <translation>The summary applications break field rules; nothing was journaled: </translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="576"/>
        <source>{month}：没有需要汇总申报的清单，未发送</source>
        <translation>{month}: no list to declare in a summary; nothing sent</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="578"/>
        <source>已申报 {applications} 份汇总申请单（{lists} 票清单）：发送 {messages} 个报文</source>
        <translation>Declared {applications} summary application(s) ({lists} list(s)): {messages} message(s) sent</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="584"/>
        <source>（已停止：{reason}）</source>
        <translation>(stopped: {reason})</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="593"/>
        <source>无法申报：{reason}</source>
        <translation>Cannot declare: {reason}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="599"/>
        <source>已导出到 {path}</source>
        <translation>Exported to {path}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="608"/>
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="609"/>
        <source>汇总申报预览_{month}.xlsx</source>
        <translation>summary-preview_{month}.xlsx</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="616"/>
        <source>无法导出：{reason}</source>
        <translation>Cannot export: {reason}</translation>
    </message>
</context>
<context>
    <name>SummaryView</name>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="105"/>
        <location filename="../../cebdesk/gui/summary_view.py" line="144"/>
        <source>放行月份</source>
        <extracomment>The look of the deadline: normal, within WARN_DAYS working days, passed.</extracomment>
        <translation>Month released</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="108"/>
        <source>清单放行的月份（YYYY-MM），汇总申报在下月 15 日前完成</source>
        <translation>The month the lists were released in (YYYY-MM); their summary is declared by the 15th of the next month</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="112"/>
        <source>只汇总这个客户（电商企业代码）放行的清单</source>
        <translation>Only the lists of this client (its ebcCode)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="115"/>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="116"/>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="118"/>
        <source>签名并申报…</source>
        <translation>Sign and declare…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="119"/>
        <source>把预览中的汇总报关单作为汇总申请单（CEB701）签名并发送</source>
        <translation>Sign and send the previewed declarations as summary applications (CEB701)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="138"/>
        <source>报关单 / 商品项</source>
        <translation>Declaration / goods item</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="138"/>
        <source>值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="138"/>
        <source>商品编码</source>
        <translation>HS code</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="138"/>
        <source>最终目的国（地区）</source>
        <translation>Final destination country</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="139"/>
        <source>币制</source>
        <translation>Currency</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="139"/>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="139"/>
        <source>总价</source>
        <translation>Total price</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="139"/>
        <source>清单商品行数</source>
        <translation>List lines</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="144"/>
        <source>未汇总清单</source>
        <translation>Lists not summarised</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="144"/>
        <source>截止日</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="146"/>
        <source>汇总报关单</source>
        <translation>Declarations</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="147"/>
        <source>简化申报（汇总统计）</source>
        <translation>Summary statistics</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="148"/>
        <source>不能汇总</source>
        <translation>Cannot be summarised</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="149"/>
        <source>以前月份逾期</source>
        <translation>Overdue from earlier months</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="151"/>
        <source>汇总申请单 / 报关单</source>
        <translation>Summary application / declaration</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="151"/>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="152"/>
        <source>申报结果</source>
        <translation>Customs results</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="157"/>
        <source>清单编号</source>
        <translation>Inventory number</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="157"/>
        <source>货值（人民币元）</source>
        <translation>Value (RMB)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="157"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>cebdesk</name>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="131"/>
        <source>磁盘已满</source>
        <extracomment>Failures a clerk can fix; anything else also goes to the console with its traceback.</extracomment>
        <translation>The disk is full</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="132"/>
        <source>磁盘配额已满</source>
        <translation>The disk quota is exceeded</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="133"/>
        <location filename="../../cebdesk/gui/workers.py" line="134"/>
        <source>没有权限</source>
        <translation>Permission denied</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="135"/>
        <source>只读文件系统，无法写入</source>
        <translation>Read-only file system: nothing can be written</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="136"/>
        <source>找不到文件或文件夹</source>
        <translation>No such file or folder</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="137"/>
        <source>输入/输出错误（磁盘或 U 盘故障？）</source>
        <translation>Input/output error (a failing disk or USB drive?)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="144"/>
        <source>没有签名或发送任何单证。</source>
        <translation> Nothing was signed or sent.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="149"/>
        <source>口令错误：密钥拒绝了这个口令。</source>
        <translation>Wrong PIN: the key refused it.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="151"/>
        <source>cebdesk 不会自动重试（连续输错会锁死密钥）；确认口令后再点“签名并发送”。</source>
        <translation> cebdesk does not try again by itself (wrong PINs in a row lock the key); check the PIN, then click “Sign and send” again.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="155"/>
        <source>密钥的口令已锁定（输错次数过多），需由管理员或发证机构（数据分中心/制卡中心）解锁。</source>
        <translation>The key's PIN is locked after too many wrong tries; it must be unlocked by the administrator or the certificate issuer (数据分中心/制卡中心).</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="163"/>
        <source>密钥只剩最后一次输入口令的机会，未经确认没有使用口令。</source>
        <translation>The key has ONE PIN try left; without your confirmation no PIN was used. </translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="165"/>
        <source>再点“签名并发送”，在口令对话框中确认后再输入。</source>
        <translation>Click “Sign and send” again, confirm in the PIN dialog, then type the PIN.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="168"/>
        <source>口令的长度或字符不符合密钥的要求，请检查后重新输入。</source>
        <translation>The key does not accept a PIN of this length or with these characters; check it and type it again.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="171"/>
        <source>无法打开密钥文件 {name}：口令不正确，或者文件不是有效的密钥文件（.p12/.pfx/.pem）。</source>
        <translation>Cannot open the key file {name}: the password is wrong, or the file is not a valid key file (.p12/.pfx/.pem).</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="179"/>
        <source>找不到或无法读取密钥文件 {name}：请在设置页检查密钥文件的位置。</source>
        <translation>The key file {name} cannot be found or read: check where it is on the Settings page.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="186"/>
        <source>没有找到令牌 {name}：请插入 USB Key，或在设置页点“查找令牌”重新选择。</source>
        <translation>Token {name} was not found: plug in the USB key, or choose it again with “Find tokens” on the Settings page.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="192"/>
        <source>签名过程中令牌被拔出：已发送的报文完整保留，插回令牌后再点“签名并发送”继续。</source>
        <translation>The token was removed while signing: the messages already sent are complete; plug it in again and click “Sign and send” to go on.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="197"/>
        <source>证书不能用于签名（与密钥不符或已过期）：请在设置页检查证书文件。</source>
        <translation>The certificate cannot be used for signing (it does not match the key or has expired): check the certificate file on the Settings page.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="200"/>
        <source>签名失败，请检查设置页的签名方式。</source>
        <translation>Signing failed: check the signer on the Settings page.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="204"/>
        <source>另一个 cebdesk 正在用同一个日志发送，请等它结束后再试。</source>
        <translation>Another cebdesk is sending with the same journal; wait for it to finish, then try again.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="206"/>
        <source>日志数据库暂时无法使用（共享日志的服务器没有应答？）。已记录的内容不受影响；恢复后再试一次即可。</source>
        <translation>The journal's database cannot be used now (the shared journal's server not answering?). What was recorded is safe; try again once it is back.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="210"/>
        <source>还没有企业档案：请先在设置页填写并保存。</source>
        <translation>There is no enterprise profile yet: fill it in on the Settings page and save it first.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="212"/>
        <source>系统错误</source>
        <translation>System error</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="214"/>
        <source>{what}（{path}）。已写出的文件都是完整的；排除问题后再试一次即可继续。</source>
        <translation>{what} ({path}). Every file written is whole; fix the problem and try again to go on.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="217"/>
        <source>{what}。已写出的文件都是完整的；排除问题后再试一次即可继续。</source>
        <translation>{what}. Every file written is whole; fix the problem and try again to go on.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="221"/>
        <source>后台进程意外退出（退出码 {code}）。已写出的文件都是完整的；请再试一次。</source>
        <translation>The background process ended unexpectedly (exit code {code}). Every file written is whole; please try again.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/workers.py" line="224"/>
        <source>意外错误（详情见控制台）：{detail}</source>
        <translation>Unexpected error (details on the console): {detail}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="150"/>
        <source>商品 {count}</source>
        <extracomment>Elements that carry an amount, and those that name a person (import documents only). What the lines of a list are, by the list's own elements: goods, waybills, inventories.</extracomment>
        <translation>Goods {count}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="151"/>
        <source>运单 {count}</source>
        <translation>Waybills {count}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="152"/>
        <source>清单 {count}</source>
        <translation>Inventories {count}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="184"/>
        <location filename="../../cebdesk/gui/journal_view.py" line="54"/>
        <location filename="../../cebdesk/gui/query_view.py" line="57"/>
        <source>单证</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="185"/>
        <location filename="../../cebdesk/gui/journal_view.py" line="55"/>
        <location filename="../../cebdesk/gui/query_view.py" line="58"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="186"/>
        <location filename="../../cebdesk/gui/query_view.py" line="62"/>
        <source>订购人/收货人</source>
        <translation>Buyer / consignee</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="451"/>
        <location filename="../../cebdesk/gui/import_view.py" line="187"/>
        <source>表体</source>
        <extracomment>fields and goods lines the clerk has touched: an empty required one is marked only then, or once the clerk saves or declares (``show_all``), not on a fresh form</extracomment>
        <translation>Lines</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="188"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="189"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/models.py" line="21"/>
        <source>待发送</source>
        <extracomment>A document's state on cebdesk's side (the journal's ``state``), marked for translation.</extracomment>
        <translation>waiting</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/models.py" line="22"/>
        <source>发送中</source>
        <translation>sending</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/models.py" line="23"/>
        <source>已发送</source>
        <translation>sent</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/models.py" line="24"/>
        <location filename="../../cebdesk/gui/query_view.py" line="211"/>
        <source>暂存（草稿）</source>
        <translation>draft</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/models.py" line="25"/>
        <source>已删除</source>
        <translation>deleted</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/models.py" line="26"/>
        <source>已作废</source>
        <translation>discarded</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/models.py" line="27"/>
        <source>仅供核对</source>
        <translation>for checking only</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/models.py" line="48"/>
        <source>{meaning}（上一版本的回执；变更待发送）</source>
        <translation>{meaning} (the previous version's receipt; the modification waits to be sent)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/models.py" line="53"/>
        <source>{meaning}，已生成报关单 {entry}</source>
        <translation>{meaning}; customs declaration {entry} made</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/models.py" line="266"/>
        <source>已生成报关单 {entry}</source>
        <extracomment>The widest a column grows when fitted to its content (pixels); longer text is elided.</extracomment>
        <translation>Customs declaration {entry} made</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/models.py" line="268"/>
        <source>海关回执：{status}</source>
        <translation>Customs receipt: {status}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/models.py" line="270"/>
        <source>已发送，等待海关回执</source>
        <translation>Sent, waiting for customs' receipt</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="59"/>
        <location filename="../../cebdesk/gui/query_view.py" line="63"/>
        <source>报送类型</source>
        <translation>appType</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="58"/>
        <location filename="../../cebdesk/gui/query_view.py" line="61"/>
        <source>发送状态</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="56"/>
        <location filename="../../cebdesk/gui/query_view.py" line="59"/>
        <source>回执状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="57"/>
        <location filename="../../cebdesk/gui/query_view.py" line="60"/>
        <source>含义</source>
        <translation>Meaning</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="61"/>
        <source>回执信息</source>
        <translation>Receipt text</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="60"/>
        <source>回执时间</source>
        <translation>Receipt time</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="43"/>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="44"/>
        <location filename="../../cebdesk/gui/query_view.py" line="210"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="45"/>
        <source>发送与回执</source>
        <translation>Outbox &amp; receipts</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="46"/>
        <source>查询</source>
        <translation>Query</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="47"/>
        <source>汇总申报</source>
        <translation>Monthly summary</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="48"/>
        <source>准备工作</source>
        <translation>Readiness</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="49"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="64"/>
        <source>更新时间</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="209"/>
        <source>记入日志</source>
        <extracomment>What each kind of version is (lifecycle.Version.kind), as the 版本 tab says it.</extracomment>
        <translation>journaled</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="213"/>
        <source>发送前修改</source>
        <translation>edited before sending</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="214"/>
        <source>变更（appType 2）</source>
        <translation>modified (appType 2)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="215"/>
        <source>更正后重新申报</source>
        <translation>corrected and declared again</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="212"/>
        <source>已申报</source>
        <translation>declared</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="216"/>
        <source>申报删除（appType 3）</source>
        <translation>deleted at customs (appType 3)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="217"/>
        <source>作废（未发送）</source>
        <translation>discarded (never sent)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="221"/>
        <source>在录入窗口中修改尚未发送的单证（草稿或待发送）</source>
        <extracomment>The tooltip of each action button while it is allowed.</extracomment>
        <translation>Edit a document not sent yet (a draft, or waiting to be sent) in the entry window</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="222"/>
        <source>修改已发送的单证：列出变更内容，确认后作为变更（appType 2）签名发送</source>
        <translation>Change a sent document: the changes are listed, then signed and sent as a modification (appType 2)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="223"/>
        <source>用这个单证的内容开始一个新单证</source>
        <translation>Start a new document with this one's values</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="224"/>
        <source>删除单证：未发送的作废；已发送的申报删除（appType 3）</source>
        <translation>Delete: a document never sent is discarded; a sent one is deleted at customs (appType 3)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="225"/>
        <source>为海关已接受的清单提交撤销申请单（进口 CEB623，出口 CEB605）</source>
        <translation>Declare the cancellation of an inventory customs accepted (import CEB623, export CEB605)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="226"/>
        <source>为清单提交退货申请单（进口 CEB625，出口 CEB213）</source>
        <translation>Declare a return request for the inventory (import CEB625, export CEB213)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="50"/>
        <source>传输企业代码</source>
        <translation>Transmitting enterprise code</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="51"/>
        <source>传输企业名称</source>
        <translation>Transmitting enterprise name</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="52"/>
        <source>数据交换平台用户编号</source>
        <translation>DXP user id</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="57"/>
        <source>不签名</source>
        <extracomment>Default values most enterprises set: always listed, empty until filled.</extracomment>
        <translation>Do not sign</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="58"/>
        <source>密钥文件</source>
        <translation>Key file</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="59"/>
        <source>USB Key / 加密机（PKCS#11）</source>
        <translation>USB key / HSM (PKCS#11)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="60"/>
        <source>电子口岸卡（客户端控件）</source>
        <translation>E-Port card (card control)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="71"/>
        <source>客户名称</source>
        <extracomment>The [signer] values the page edits, per kind; anything else in [signer] is kept as it is. The clients table: a name, the four codes and names each client has, the other defaults.</extracomment>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="72"/>
        <source>电商企业代码</source>
        <translation>E-commerce enterprise code</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="73"/>
        <source>电商企业名称</source>
        <translation>E-commerce enterprise name</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="74"/>
        <source>电商平台代码</source>
        <translation>Platform code</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="75"/>
        <source>电商平台名称</source>
        <translation>Platform name</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="76"/>
        <source>其他默认值（元素=值; …）</source>
        <translation>Other defaults (element=value; …)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/names.py" line="17"/>
        <source>进口</source>
        <extracomment>The two directions, in the order the window lists them.</extracomment>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/names.py" line="18"/>
        <source>出口</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/names.py" line="25"/>
        <source>已发送（按发送日期）</source>
        <extracomment>Where documents stand (workspace.OUTCOMES), as the home page counts them and the query page filters them.</extracomment>
        <translation>Sent (by sending day)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/names.py" line="28"/>
        <source>已放行</source>
        <translation>Released</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="49"/>
        <source>元旦</source>
        <extracomment>Working days before the deadline from which the page warns. How many months back the chooser offers (any YYYY-MM may be typed). The names chinesecalendar gives the holidays, in the window's language.</extracomment>
        <translation>New Year's Day</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="50"/>
        <source>春节</source>
        <translation>Spring Festival</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="51"/>
        <source>清明节</source>
        <translation>Tomb-sweeping Day</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="52"/>
        <source>劳动节</source>
        <translation>Labour Day</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="53"/>
        <source>端午节</source>
        <translation>Dragon Boat Festival</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="54"/>
        <source>国庆节</source>
        <translation>National Day</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="55"/>
        <source>中秋节</source>
        <translation>Mid-autumn Festival</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="56"/>
        <source>周末</source>
        <translation>a weekend</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="57"/>
        <source>休息日</source>
        <translation>a rest day</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="60"/>
        <source>电商企业代码（收发货人）</source>
        <translation>E-commerce enterprise code (consignor)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="61"/>
        <source>运输方式</source>
        <translation>Mode of transport</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="62"/>
        <source>生产销售单位代码</source>
        <translation>Production and sales unit code</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="63"/>
        <source>运抵国（地区）</source>
        <translation>Country of arrival</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/summary_view.py" line="64"/>
        <source>出口口岸代码</source>
        <translation>Exit port code</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="67"/>
        <source>单证信息</source>
        <extracomment>Head values the application decides, never the clerk: the document's guid, what kind of report it is (appType 1/2/3) and whether it is declared (appStatus 1 暂存 / 2 申报), when it is reported, and how a long document is cut into parts. Not shown; filled for the checks only. The groups the head's fields are shown in, in order.</extracomment>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="68"/>
        <source>企业</source>
        <translation>Enterprises</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="69"/>
        <source>订购人与收货人</source>
        <translation>Buyer and consignee</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="70"/>
        <source>金额与重量</source>
        <translation>Amounts and weights</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="71"/>
        <source>运输与口岸</source>
        <translation>Transport and port</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="181"/>
        <source>输入代码或名称查找</source>
        <translation>Type a code or a name to search</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="222"/>
        <source>数字，最多 {digits} 位小数</source>
        <translation>number, up to {digits} decimals</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="267"/>
        <source>日历</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="268"/>
        <source>选择日期</source>
        <translation>Pick a date</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="72"/>
        <source>其他信息</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="455"/>
        <source>新增行</source>
        <translation>Add line</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="456"/>
        <source>复制行</source>
        <translation>Copy line</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="457"/>
        <source>删除行</source>
        <translation>Delete line</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="458"/>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="459"/>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="612"/>
        <source>序号由程序按行的顺序编排</source>
        <translation>Line numbers follow the order of the lines</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/entry_view.py" line="784"/>
        <source>第 {row} 行 {label}</source>
        <translation>Line {row} {label}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/clients_view.py" line="18"/>
        <source>客户：{name}</source>
        <translation>Client: {name}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/home_view.py" line="33"/>
        <source>今日发送</source>
        <translation>Sent today</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/home_view.py" line="33"/>
        <source>今天发出的单证</source>
        <translation>Documents whose message went today</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/home_view.py" line="34"/>
        <location filename="../../cebdesk/gui/names.py" line="26"/>
        <source>待回执</source>
        <translation>Waiting for receipts</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/home_view.py" line="34"/>
        <source>已发送、还没有收到回执的单证</source>
        <translation>Documents sent with no receipt yet</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/home_view.py" line="35"/>
        <location filename="../../cebdesk/gui/names.py" line="27"/>
        <source>退单待处理</source>
        <translation>Refused, to handle</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/home_view.py" line="35"/>
        <source>海关最新回执为退单或处理异常、需要修改后重发的单证</source>
        <translation>Documents whose latest receipt is a refusal or a processing exception: correct and send them again</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/home_view.py" line="36"/>
        <source>今日放行</source>
        <translation>Released today</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/home_view.py" line="36"/>
        <source>今天收到放行（或结关）回执的单证</source>
        <translation>Documents released (or cleared) by a receipt today</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/home_view.py" line="81"/>
        <source>{count} 个报文在 {folder} 等待了 {minutes} 分钟：传输客户端没有取走（请启动它并确认它监视这个目录）</source>
        <translation>{count} message(s) have waited {minutes} minute(s) in {folder}: the transfer client has not taken them (start it and check it watches this folder)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="43"/>
        <source>企业档案</source>
        <translation>Enterprise profile</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="44"/>
        <source>签名方式</source>
        <translation>Signer</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="45"/>
        <source>证书</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="46"/>
        <source>报文目录</source>
        <translation>Exchange folders</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="47"/>
        <source>回执</source>
        <translation>Receipts</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="48"/>
        <source>本机时钟</source>
        <translation>Clock</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="49"/>
        <source>日志</source>
        <translation>Journal</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="50"/>
        <source>传输客户端</source>
        <translation>Transfer client</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="54"/>
        <source>正常</source>
        <extracomment>Each state's word, colour and icon.</extracomment>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="55"/>
        <source>提醒</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="56"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="58"/>
        <source>未检查</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="68"/>
        <source>申请数字签名证书</source>
        <extracomment>The steps that cannot be checked: (key in [readiness], title, what to do).</extracomment>
        <translation>Apply for the digital signature certificate</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="69"/>
        <source>到所在地的中国电子口岸数据分中心（制卡中心）为企业申请数字签名证书。证书的载体可以是 IC 卡或 USB Key（智能密码钥匙），签名量大的可以用服务器密码机（加密机），也可以用云密码服务。近年签发的多为 SM2 国密证书。拿到后在设置页选择签名方式，本页会检查证书能否读取、是否快到期。</source>
        <translation>Apply for the enterprise's digital signature certificate at the local China E-Port data centre (card centre). It comes on an IC card or a USB key (smart crypto key); for many signatures a server crypto device (encryption machine) or a cloud crypto service can hold it. Recent certificates are mostly SM2. Then choose how to sign on the settings page; this page checks that the certificate can be read and is not about to expire.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="78"/>
        <source>申请开通数据交换接口</source>
        <translation>Apply for the data-exchange interface</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="79"/>
        <source>填写跨境电商统一版数据交换接口（传输节点）开通申请表，交数据分中心办理。开通后会得到企业的传输节点编号（DXP ID，形如 DXPENT0000000001），把它和企业代码一起填入设置页的企业档案；报文经传输客户端的目录或 HTTP 接口收发。</source>
        <translation>Fill in the opening form for the cross-border e-commerce data-exchange interface (transfer node) and hand it to the data centre. Once opened, the enterprise has its transfer node number (DXP ID, like DXPENT0000000001): enter it with the enterprise code in the profile on the settings page. Messages then travel through the transfer client's folders or over HTTP.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="87"/>
        <source>在国际贸易“单一窗口”注册</source>
        <translation>Register with the international trade Single Window</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="88"/>
        <source>在“单一窗口”注册企业用户，并把证书（卡）绑定到操作员。通常要准备：营业执照（统一社会信用代码）、海关注册登记或备案编号、法定代表人和操作员的身份证件、经办人授权书。具体材料以当地海关和数据分中心的要求为准。</source>
        <translation>Register the enterprise as a Single Window user and bind the certificate (card) to the operator. Usually needed: the business licence (unified social credit code), the customs registration or filing number, ID documents of the legal representative and the operator, and a letter authorising the person handling it. Local customs and the data centre say exactly which materials.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="96"/>
        <source>和合作方约定各自签名申报的单证</source>
        <translation>Agree with your partners who signs and sends which document</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="97"/>
        <source>每一方用自己的证书签名、发送自己的单证：电子订单由电商平台（平台未在海关登记时由电商企业），支付单由支付企业，运单和运单状态由物流企业，申报清单由电商企业或受其委托的申报企业（报关企业）。cebdesk 只为本企业的证书签名；其他单证由谁、何时发送，请事先和合作方说定：海关会把清单和订单、支付单、运单对碰，缺一不可。</source>
        <translation>Each party signs and sends its own documents with its own certificate: orders by the e-commerce platform (by the e-commerce enterprise when the platform is not registered with customs), payments by the payment company, waybills and waybill statuses by the logistics company, inventory lists by the e-commerce enterprise or the declaring agent (customs broker) it appoints. cebdesk signs with your enterprise's certificate only; agree beforehand who sends the others and when: customs matches each list against its order, payment and waybill, and all of them must be there.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="201"/>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="203"/>
        <source>尚未检查</source>
        <translation>Not checked yet</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="208"/>
        <source>{errors} 个问题，{warnings} 个提醒：先解决问题才能申报</source>
        <translation>{errors} problem(s), {warnings} warning(s): solve the problems before declaring</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="212"/>
        <source>可以申报，有 {warnings} 个提醒</source>
        <translation>Ready to declare, {warnings} warning(s)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/readiness_view.py" line="215"/>
        <source>全部正常，可以申报</source>
        <translation>All fine, ready to declare</translation>
    </message>
</context>
</TS>