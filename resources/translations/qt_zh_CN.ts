<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt's own texts that Qt's Chinese catalogue (qtbase_zh_CN.qm) lacks in this Qt version: the
     file dialog's labels as Qt 6 writes them. Loaded after qtbase_zh_CN, in the Chinese UI. -->
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>QFileDialog</name>
    <message><source>&amp;Look in:</source><translation>查找范围(&amp;L)：</translation></message>
    <message><source>Look in:</source><translation>查找范围：</translation></message>
    <message><source>Files of &amp;type:</source><translation>文件类型(&amp;T)：</translation></message>
    <message><source>Files of type:</source><translation>文件类型：</translation></message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message><source>Folder</source><comment>All other platforms</comment><translation>文件夹</translation></message>
    <message><source>Folder</source><translation>文件夹</translation></message>
    <message><source>Drive</source><translation>驱动器</translation></message>
</context>
<context>
    <name>QShortcut</name>
    <message><source>Control</source><translation>Control</translation></message>
    <message><source>Keyboard</source><translation>键盘</translation></message>
</context>
</TS>
