; The Windows installer for the one-folder app, made with Inno Setup 6 (https://jrsoftware.org).
; First the app (dist\cebdesk\ with cebdesk.exe and cebdeskw.exe) and its icon:
;   python packaging\build.py
; then, from the repository's root:
;   iscc /DAppVersion=0.1.0 packaging\windows\cebdesk.iss    ->  dist\cebdesk-0.1.0-setup.exe
; Installs for the current user (no administrator needed) into %LOCALAPPDATA%\Programs\cebdesk,
; or for everyone when run as administrator. The Start menu opens the window (cebdeskw.exe);
; the commands are cebdesk.exe in the same folder.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define Bundle "..\..\dist\cebdesk"

[Setup]
AppId={{5B8F2C4E-7A1D-4C3B-9E62-0D4F8A1C7E35}
AppName=cebdesk
AppVersion={#AppVersion}
AppVerName=cebdesk {#AppVersion}
AppPublisher=cebdesk
DefaultDirName={autopf}\cebdesk
DefaultGroupName=cebdesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64
ArchitecturesInstallIn64BitMode=x64
OutputDir=..\..\dist
OutputBaseFilename=cebdesk-{#AppVersion}-setup
SetupIconFile=..\..\build\package\cebdesk\assets\cebdesk.ico
UninstallDisplayIcon={app}\cebdeskw.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Simplified Chinese ships with recent Inno Setup releases; older ones build in English only
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\cebdesk"; Filename: "{app}\cebdeskw.exe"
Name: "{group}\cebdesk Excel templates"; Filename: "{app}\_internal\templates"
Name: "{group}\{cm:UninstallProgram,cebdesk}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\cebdesk"; Filename: "{app}\cebdeskw.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\cebdeskw.exe"; Description: "{cm:LaunchProgram,cebdesk}"; Flags: nowait postinstall skipifsilent
