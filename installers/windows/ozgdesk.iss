; Inno Setup 6 script: ozgdesk for one user, without administrator rights.
;
; Built by installers\windows\build.ps1 after PyInstaller, in effect:
;   ISCC.exe /DAppVersion=0.1.0 /DAppVersionNumeric=0.1.0.0 installers\windows\ozgdesk.iss
; Input:  dist\ozgdesk\  (the one-folder app from installers\ozgdesk.spec)
; Output: dist\ozgdesk-<version>-setup.exe
;
; What it does:
; - installs into %LOCALAPPDATA%\Programs\ozgdesk (per user, no UAC prompt),
; - Start menu entry, desktop icon on request,
; - .ozgdesk files open with ozgdesk (HKCU\Software\Classes, on request, default yes),
; - the uninstaller removes the program; it asks whether backups, working copies, logs and
;   settings (%LOCALAPPDATA%\ozgdesk, HKCU\Software\ozgdesk) should go too – default: no
;   (a silent uninstall, /SILENT or /VERYSILENT, keeps them without asking).
;   Projects (Dokumente\ozgdesk or wherever the user saved them) are never deleted.
;
; Code signing: build.ps1 -Sign passes /DSign and /Sozgdesksign=... to ISCC; the setup and
; the uninstaller are then signed (see installers\windows\README.md).
;
; This file is UTF-8 with BOM (Inno Setup reads a file without BOM in the ANSI code page).

#ifndef AppVersion
  #error AppVersion fehlt: ISCC /DAppVersion=x.y.z (build.ps1 liest sie aus ozgdesk\__init__.py)
#endif
#ifndef AppVersionNumeric
  #define AppVersionNumeric AppVersion
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\ozgdesk"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

#define AppName "ozgdesk"
#define AppExe "ozgdesk.exe"
#define ProgId "ozgdesk.Projekt"

[Setup]
; The AppId identifies ozgdesk for updates and the uninstaller: never change it.
AppId={{5B0E7C3A-91D4-4F2E-8C6B-3A7D2E91F0C4}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=ozgdesk
AppComments=OZG-Koordination für kleine Kommunen
VersionInfoVersion={#AppVersionNumeric}
VersionInfoProductName={#AppName}
VersionInfoDescription=Installation von ozgdesk
; per user: no administrator rights, no UAC prompt; {autopf} is %LOCALAPPDATA%\Programs
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ChangesAssociations=yes
; a running ozgdesk is closed (it saves every change at once) before files are replaced
CloseApplications=yes
RestartApplications=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
WizardStyle=modern
SetupIconFile=..\..\resources\icons\ozgdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
OutputDir={#OutputDir}
OutputBaseFilename={#AppName}-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
SetupLogging=yes
#ifdef Sign
SignTool=ozgdesksign
SignedUninstaller=yes
#endif

[Languages]
Name: "german"; MessagesFile: "compiler:Languages\German.isl"

[CustomMessages]
german.FileTypeName=ozgdesk-Projekt
german.TaskAssociation=Projektdateien (.ozgdesk) mit ozgdesk öffnen
german.TaskGroupOther=Weitere Einstellungen:
german.ShortcutComment=OZG-Umsetzung in der Kommune planen
german.DeleteUserData=Auch Sicherungen und Einstellungen löschen?%n%nDann werden gelöscht:%n- der Ordner %1%n  (Sicherungen, Arbeitskopien von Projekten auf Netzlaufwerken, Protokolle)%n- die Einstellungen von ozgdesk (zuletzt geöffnete Projekte, Fenstergröße)%n%nIhre Projektdateien (z. B. in „Dokumente\ozgdesk“) werden in keinem Fall gelöscht.%n%nWählen Sie „Nein“, wenn Sie ozgdesk später wieder installieren möchten.
german.DeleteUserDataFailed=Der Ordner %1 konnte nicht vollständig gelöscht werden. Bitte löschen Sie ihn von Hand.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "association"; Description: "{cm:TaskAssociation}"; GroupDescription: "{cm:TaskGroupOther}"

[InstallDelete]
; an update replaces the whole library folder: no stale DLLs or Qt plugins of the old version
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:ShortcutComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:ShortcutComment}"; Tasks: desktopicon

[Registry]
; .ozgdesk → ozgdesk.Projekt, for this user only (HKCU\Software\Classes)
Root: HKCU; Subkey: "Software\Classes\.ozgdesk"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue; Tasks: association
Root: HKCU; Subkey: "Software\Classes\.ozgdesk\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:FileTypeName}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"",0"
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" --project ""%1"""
; "Öffnen mit" lists ozgdesk for .ozgdesk files
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".ozgdesk"; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" --project ""%1"""
; "ozgdesk" in Windows+R; ozgdesk-cli.exe (console) for scripts by its full path
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\App Paths\{#AppExe}"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe}"; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Code]
{ The user's data: %LOCALAPPDATA%\ozgdesk (platformdirs.user_data_dir, with backups\,
  arbeitskopien\ and Logs\) and the settings (QSettings("ozgdesk", "ozgdesk") is the registry
  key HKCU\Software\ozgdesk). Deleted only if the user says yes; a silent uninstall keeps them. }

function UserDataDir(): String;
begin
  Result := ExpandConstant('{localappdata}\ozgdesk');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Dir: String;
begin
  if (CurUninstallStep <> usPostUninstall) or UninstallSilent then
    exit;
  Dir := UserDataDir();
  if not DirExists(Dir) and not RegKeyExists(HKEY_CURRENT_USER, 'Software\ozgdesk') then
    exit;
  if SuppressibleMsgBox(FmtMessage(CustomMessage('DeleteUserData'), [Dir]), mbConfirmation,
    MB_YESNO or MB_DEFBUTTON2, IDNO) <> IDYES then
    exit;
  { never the program folder, never anything outside %LOCALAPPDATA%\ozgdesk }
  if DirExists(Dir) and (CompareText(Dir, ExpandConstant('{app}')) <> 0) then
    if not DelTree(Dir, True, True, True) then
      SuppressibleMsgBox(FmtMessage(CustomMessage('DeleteUserDataFailed'), [Dir]), mbError, MB_OK, IDOK);
  RegDeleteKeyIncludingSubkeys(HKEY_CURRENT_USER, 'Software\ozgdesk');
end;
