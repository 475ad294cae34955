; Inno Setup 6 script: the Windows installer for Udviklingsplan.
;
; It installs the PyInstaller bundle (dist\Udviklingsplan, built by `make bundle` or by
; .github/workflows/windows.yml) and is compiled on Windows with
;
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 installer\udviklingsplan.iss
;
; which writes dist\Udviklingsplan-0.1.0-setup.exe (beside the bundle). Without /DAppVersion the version
; is read from the bundle's Udviklingsplan.exe (its version resource comes from pyproject.toml).
;
; Silent installation, as IT runs it (docs\deployment.md has the details):
;   per machine (default, Program Files, needs admin):
;     Udviklingsplan-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
;   per user (%LOCALAPPDATA%\Programs, no admin rights):
;     Udviklingsplan-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /CURRENTUSER
;   uninstall:
;     "<installation folder>\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
;
; The AppId below is fixed for good: a new version with the same AppId upgrades the old one in
; place (same folder, same uninstall entry). Never change it.
;
; installer/check-under-wine.sh (run by .ci/run) compiles this script under Wine and installs,
; upgrades and uninstalls the result silently, with stand-ins for the Windows program.

#ifndef AppVersion
  #define AppVersion GetVersionNumbersString(AddBackslash(SourcePath) + "..\dist\Udviklingsplan\Udviklingsplan.exe")
#endif
#define AppName "Udviklingsplan"
#define AppExe "Udviklingsplan.exe"

[Setup]
AppId={{B0BCC329-C8B8-4B31-92E1-EF523CFB9733}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Københavns Kommune, Socialforvaltningen
AppComments=Udviklingsplan for arbejdspladsen
VersionInfoVersion={#AppVersion}
VersionInfoCompany=Københavns Kommune
VersionInfoDescription={#AppName} – installation
VersionInfoProductName={#AppName}
VersionInfoProductVersion={#AppVersion}

; Per machine into Program Files by default; /CURRENTUSER installs for the current user only
; (into %LOCALAPPDATA%\Programs, without admin rights). {autopf} and {autoprograms} follow the mode.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
DisableReadyPage=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0

; A running Udviklingsplan is closed by Windows' Restart Manager before its files are replaced
; (every edit is already stored, so nothing is lost); it is not restarted afterwards.
CloseApplications=yes
RestartApplications=no

OutputDir=..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile=..\resources\icons\udviklingsplan.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
ShowLanguageDialog=no
SetupLogging=yes

[Languages]
Name: "danish"; MessagesFile: "compiler:Languages\Danish.isl"

[InstallDelete]
; An upgrade replaces the program folder's contents as a whole, so no file of an older version
; (a Qt plugin, a library) is left behind to be loaded by the new one. Only the program folder:
; the leader's data lives elsewhere (see below).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\dist\Udviklingsplan\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Udviklingsplan for arbejdspladsen"

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; There is deliberately no [UninstallDelete] section. The leader's plans, the automatic backups
; and the logs live in %LOCALAPPDATA%\Udviklingsplan (udviklingsplan.db, backups\, logs\), outside
; the program folder; uninstalling the program leaves them in place, and a later installation
; finds them again.
