<?xml version='1.0' encoding='UTF-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ImportController</name>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="149"/>
        <source>选择文件</source>
        <translation>Choose files</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="164"/>
        <source>保存模板</source>
        <translation>Save template</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="171"/>
        <source>已保存模板 {path}</source>
        <translation>Template saved to {path}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="180"/>
        <source>可发送</source>
        <translation>ready to send</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="180"/>
        <source>有错误</source>
        <translation>has errors</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="195"/>
        <source>{total} 个单证：可发送 {good}，有错误 {bad}</source>
        <translation>{total} documents: {good} ready to send, {bad} with errors</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="206"/>
        <source>文件：{file}　工作表：{sheet}　单元格：{cell}　{label} {element}：{message}</source>
        <translation>File: {file}   sheet: {sheet}   cell: {cell}   {label} {element}: {message}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="258"/>
        <source>请先在设置中配置企业档案和签名方式</source>
        <translation>Set up the enterprise profile and the signer in Settings first</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="287"/>
        <source>已发送 {messages} 个报文，{documents} 个单证</source>
        <translation>{messages} messages sent, {documents} documents</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="291"/>
        <source>（已取消：已发送的保持不变）</source>
        <translation>(cancelled: what was sent stays sent)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="293"/>
        <source>（已停止：{reason}）</source>
        <translation>(stopped: {reason})</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="319"/>
        <source>，剩余约 {seconds} 秒</source>
        <translation>, about {seconds} s left</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="323"/>
        <source>{rate} 个/秒</source>
        <translation>{rate} per second</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="332"/>
        <source>无法完成：{reason}</source>
        <translation>Could not finish: {reason}</translation>
    </message>
</context>
<context>
    <name>ImportView</name>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="52"/>
        <source>打开文件…</source>
        <translation>Open files…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="54"/>
        <source>自动识别类型</source>
        <translation>Detect the type</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="58"/>
        <source>下载模板</source>
        <translation>Templates</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="64"/>
        <source>用 Excel 打开</source>
        <translation>Open in Excel</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="66"/>
        <source>签名并发送</source>
        <translation>Sign and send</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="67"/>
        <source>发送选中的单证；没有选中时发送全部可发送的单证</source>
        <translation>Sends the selected documents; with none selected, every document ready to send</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="69"/>
        <source>把 Excel 或 XML 文件拖到这里，或点“打开文件”。</source>
        <translation>Drop Excel or XML files here, or click “Open files”.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="88"/>
        <source>中文名</source>
        <translation>Chinese label</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="88"/>
        <source>元素</source>
        <translation>Element</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="88"/>
        <source>值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="104"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>JournalController</name>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="176"/>
        <source>共 {total} 个单证，待发送 {pending}</source>
        <translation>{total} documents, {pending} waiting to be sent</translation>
    </message>
</context>
<context>
    <name>JournalView</name>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="73"/>
        <source>全部单证</source>
        <translation>All documents</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="78"/>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="85"/>
        <source>按编号、类型或状态筛选</source>
        <translation>Filter by number, type or status</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="87"/>
        <source>发送待发送单证</source>
        <translation>Send waiting documents</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="91"/>
        <source>更新自</source>
        <translation>Updated since</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="35"/>
        <source>cebdesk — 跨境电商统一版申报</source>
        <translation>cebdesk — cross-border e-commerce declarations</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="66"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="67"/>
        <source>打开文件…</source>
        <translation>Open files…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="70"/>
        <source>签名并发送</source>
        <translation>Sign and send</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="73"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="77"/>
        <source>页面(&amp;P)</source>
        <translation>&amp;Pages</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="93"/>
        <source>USB 密钥：{label}</source>
        <translation>USB key: {label}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="95"/>
        <source>密钥文件：{name}</source>
        <translation>Key file: {name}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="97"/>
        <source>电子口岸卡</source>
        <translation>E-Port card</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="99"/>
        <source>未设置签名</source>
        <translation>No signer set</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="101"/>
        <source>未设置企业档案</source>
        <translation>No enterprise profile</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="102"/>
        <source>HTTP 上传</source>
        <translation>HTTP upload</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="102"/>
        <source>目录</source>
        <translation>folder</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="106"/>
        <source>{transfer}　|　{signer}　|　{mode}：{folder}　|　待回执 {pending} / 共 {total}</source>
        <translation>{transfer}  |  {signer}  |  {mode}: {folder}  |  awaiting receipts {pending} / {total}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="130"/>
        <source>欢迎使用 cebdesk</source>
        <translation>Welcome to cebdesk</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="133"/>
        <source>还没有企业档案。可以先填写企业档案，或者用演示数据试一试：演示密钥（标明 TEST）、示例 Excel、本地海关模拟器，一分钟内看到回执。</source>
        <translation>There is no enterprise profile yet. Fill one in, or try the demo data: a demo key (marked TEST), sample Excel files and a local customs simulator show receipts within a minute.</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="136"/>
        <source>填写企业档案</source>
        <translation>Set up the profile</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="137"/>
        <source>用演示数据试一试</source>
        <translation>Try the demo data</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../cebdesk/gui/dialogs.py" line="23"/>
        <source>输入口令</source>
        <translation>Enter PIN</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/dialogs.py" line="27"/>
        <source>密钥 / 令牌：</source>
        <translation>Key / token:</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/dialogs.py" line="29"/>
        <source>证书：</source>
        <translation>Certificate:</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/dialogs.py" line="33"/>
        <source>口令：</source>
        <translation>PIN:</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/dialogs.py" line="40"/>
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
        <location filename="../../cebdesk/gui/query_view.py" line="186"/>
        <source>找到 {count} 个单证</source>
        <translation>{count} documents found</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="219"/>
        <source>（尚未发送）</source>
        <translation>(not sent yet)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="232"/>
        <source>没有已发送的报文可验签</source>
        <translation>No sent message to verify</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="236"/>
        <source>签名有效</source>
        <translation>Valid signature</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="236"/>
        <source>签名无效</source>
        <translation>Signature NOT valid</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="246"/>
        <source>查询结果</source>
        <translation>Results</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="247"/>
        <source>回执信息</source>
        <translation>Receipt text</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="254"/>
        <source>已导出 {rows} 行到 {path}</source>
        <translation>{rows} rows exported to {path}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="261"/>
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="261"/>
        <source>查询结果.xlsx</source>
        <translation>results.xlsx</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="273"/>
        <source>{count} 个单证将作为变更（appType 2）发送</source>
        <translation>{count} documents will be sent as modifications (appType 2)</translation>
    </message>
</context>
<context>
    <name>QueryView</name>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="57"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="61"/>
        <source>订单编号 / 运单号 / 清单编号 / 企业编号</source>
        <translation>Order / waybill / inventory / enterprise number</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="63"/>
        <source>订购人 / 支付人 / 收货人</source>
        <translation>Buyer / payer / consignee</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="65"/>
        <source>回执状态，如 800、-621004</source>
        <translation>Receipt status, e.g. 800, -621004</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="75"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="77"/>
        <source>到</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="82"/>
        <source>查询</source>
        <translation>Query</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="83"/>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="84"/>
        <source>作为变更重发（appType 2）</source>
        <translation>Resend as modification (appType 2)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="97"/>
        <source>元素</source>
        <translation>Element</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="97"/>
        <source>中文名</source>
        <translation>Chinese label</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="97"/>
        <source>值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="105"/>
        <source>重新验签</source>
        <translation>Verify again</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="110"/>
        <source>表头</source>
        <translation>Head</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="111"/>
        <source>表体</source>
        <translation>Lines</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="112"/>
        <source>报文</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="113"/>
        <source>签名</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="114"/>
        <source>回执</source>
        <translation>Receipts</translation>
    </message>
</context>
<context>
    <name>SettingsController</name>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="210"/>
        <source>HTTP 方式需要上传地址</source>
        <translation>HTTP mode needs an upload address</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="212"/>
        <source>密钥文件不存在：{path}</source>
        <translation>Key file not found: {path}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="227"/>
        <source>已保存到 {path}</source>
        <translation>Saved to {path}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="246"/>
        <source>{label} {serial} 至 {until}</source>
        <translation>{label} {serial} until {until}</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="253"/>
        <source>没有找到令牌</source>
        <translation>No token found</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="52"/>
        <source>企业档案</source>
        <translation>Enterprise profile</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="62"/>
        <source>签名</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="67"/>
        <source>签名方式</source>
        <translation>Signer</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="70"/>
        <source>密钥文件</source>
        <translation>Key file</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="71"/>
        <source>证书文件（PEM 密钥时）</source>
        <translation>Certificate file (for PEM keys)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="74"/>
        <source>查找令牌</source>
        <translation>Find tokens</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="78"/>
        <source>PKCS#11 驱动</source>
        <translation>PKCS#11 module</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="81"/>
        <source>令牌</source>
        <translation>Token</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="83"/>
        <source>密钥标签</source>
        <translation>Key label</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="85"/>
        <source>客户端控件地址</source>
        <translation>Card control address</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="88"/>
        <source>传输</source>
        <translation>Exchange</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="91"/>
        <source>目录（传输客户端取走 send/ 中的文件）</source>
        <translation>Folder (the transfer client takes files from send/)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="92"/>
        <source>HTTP 上传</source>
        <translation>HTTP upload</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="95"/>
        <source>用 DxpMsg 封装（终端节点）</source>
        <translation>Wrap in DxpMsg (terminal node)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="97"/>
        <source>默认：数据目录下的 exchange</source>
        <translation>Default: exchange in the data folder</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="98"/>
        <source>方式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="99"/>
        <source>上传地址</source>
        <translation>Upload address</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="100"/>
        <source>回执下载地址</source>
        <translation>Receipts address</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="102"/>
        <source>发送/接收目录</source>
        <translation>Send / receive folder</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="104"/>
        <source>中文</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="106"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="110"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>cebdesk</name>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="113"/>
        <location filename="../../cebdesk/gui/journal_view.py" line="56"/>
        <location filename="../../cebdesk/gui/query_view.py" line="40"/>
        <source>单证</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="114"/>
        <location filename="../../cebdesk/gui/journal_view.py" line="57"/>
        <location filename="../../cebdesk/gui/query_view.py" line="41"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="115"/>
        <source>订购人/收货人</source>
        <translation>Buyer / consignee</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="116"/>
        <source>商品行</source>
        <translation>Lines</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="117"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/import_view.py" line="118"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="41"/>
        <source>申报中</source>
        <extracomment>The status families (spec/receipts.py), marked for translation.</extracomment>
        <translation>declaring</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="42"/>
        <source>入库</source>
        <translation>accepted</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="43"/>
        <source>审结</source>
        <translation>cleared</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="44"/>
        <source>放行</source>
        <translation>released</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="45"/>
        <source>退单/错误</source>
        <translation>rejected / error</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="46"/>
        <source>查验/扣留</source>
        <translation>inspection / held</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="47"/>
        <source>其他</source>
        <translation>other</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="50"/>
        <source>待发送</source>
        <translation>waiting</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="51"/>
        <source>发送中</source>
        <translation>sending</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="52"/>
        <source>已发送</source>
        <translation>sent</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="58"/>
        <location filename="../../cebdesk/gui/query_view.py" line="43"/>
        <source>报送类型</source>
        <translation>appType</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="59"/>
        <source>发送状态</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="60"/>
        <location filename="../../cebdesk/gui/query_view.py" line="44"/>
        <source>回执状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="61"/>
        <location filename="../../cebdesk/gui/query_view.py" line="45"/>
        <source>含义</source>
        <translation>Meaning</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="62"/>
        <source>回执信息</source>
        <translation>Receipt text</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/journal_view.py" line="63"/>
        <source>回执时间</source>
        <translation>Receipt time</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="22"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="23"/>
        <source>发送与回执</source>
        <translation>Outbox &amp; receipts</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="24"/>
        <source>查询</source>
        <translation>Query</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/main_window.py" line="25"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="42"/>
        <source>订购人</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/query_view.py" line="46"/>
        <source>更新时间</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="28"/>
        <source>传输企业代码</source>
        <translation>Transmitting enterprise code</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="29"/>
        <source>传输企业名称</source>
        <translation>Transmitting enterprise name</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="30"/>
        <source>数据交换平台用户编号</source>
        <translation>DXP user id</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="33"/>
        <source>电商平台代码</source>
        <translation>Platform code</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="34"/>
        <source>电商平台名称</source>
        <translation>Platform name</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="35"/>
        <source>电商企业代码</source>
        <translation>E-commerce enterprise code</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="36"/>
        <source>电商企业名称</source>
        <translation>E-commerce enterprise name</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="37"/>
        <source>申报企业代码</source>
        <translation>Declaring agent code</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="38"/>
        <source>申报企业名称</source>
        <translation>Declaring agent name</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="41"/>
        <source>不签名</source>
        <translation>Do not sign</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="42"/>
        <source>密钥文件</source>
        <translation>Key file</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="43"/>
        <source>USB Key / 加密机（PKCS#11）</source>
        <translation>USB key / HSM (PKCS#11)</translation>
    </message>
    <message>
        <location filename="../../cebdesk/gui/settings_view.py" line="44"/>
        <source>电子口岸卡（客户端控件）</source>
        <translation>E-Port card (card control)</translation>
    </message>
</context>
</TS>