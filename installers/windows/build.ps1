<#
.SYNOPSIS
    Baut ozgdesk für Windows: den Programmordner dist\ozgdesk\ (PyInstaller) und das Setup
    dist\ozgdesk-<Version>-setup.exe (Inno Setup 6).

.DESCRIPTION
    1. Build-Umgebung (build\venv-windows) mit "py -3.11" anlegen, falls es sie nicht gibt,
       und ozgdesk mit dem Extra "build" (PyInstaller) hineininstallieren.
    2. PyInstaller mit installers\ozgdesk.spec: dist\ozgdesk\ mit ozgdesk.exe (ohne
       Konsolenfenster), ozgdesk-cli.exe (Befehlszeile) und _internal\.
    3. Den Programmordner testen, aus einem anderen Ordner heraus: --version, die Oberfläche
       offscreen mit dem Leistungskatalog (beide exe-Dateien), ein neues Projekt, info.
    4. Mit -Sign: die exe-Dateien im Programmordner signieren (signtool, Zeitstempel).
    5. Inno Setup: ISCC.exe /DAppVersion=<Version> installers\windows\ozgdesk.iss ergibt
       dist\ozgdesk-<Version>-setup.exe; mit -Sign signiert Inno Setup das Setup und das
       Deinstallationsprogramm.
    Schritt für Schritt erklärt in installers\windows\README.md.

.EXAMPLE
    powershell -ExecutionPolicy Bypass -File installers\windows\build.ps1

.EXAMPLE
    .\installers\windows\build.ps1 -Sign -CertificateThumbprint 0123456789ABCDEF0123456789ABCDEF01234567
#>
[CmdletBinding()]
param(
    # Python-Version für den py-Starter (python.org-Installation)
    [string]$PythonVersion = "3.11",
    # Build-Umgebung (wird angelegt, wenn es sie nicht gibt)
    [string]$Venv = "build\venv-windows",
    # nur den Programmordner bauen und testen, kein Setup
    [switch]$SkipSetup,
    # den Programmordner nicht testen (nicht empfohlen)
    [switch]$SkipTests,
    # exe-Dateien und Setup signieren
    [switch]$Sign,
    # Zertifikat im Zertifikatspeicher oder auf dem Token (SHA-1-Fingerabdruck)
    [string]$CertificateThumbprint = $env:OZGDESK_SIGN_THUMBPRINT,
    # ... oder als .pfx-Datei (Kennwort in $env:OZGDESK_SIGN_PFX_PASSWORD)
    [string]$PfxFile = $env:OZGDESK_SIGN_PFX,
    # RFC-3161-Zeitstempeldienst (der des Zertifikatsausstellers, siehe README)
    [string]$TimestampUrl = $(if ($env:OZGDESK_SIGN_TIMESTAMP_URL) { $env:OZGDESK_SIGN_TIMESTAMP_URL } else { "http://timestamp.digicert.com" }),
    # zusätzlich alle nicht signierten .dll/.pyd im Programmordner signieren (für AppLocker/WDAC-Regeln nach Herausgeber)
    [switch]$SignLibraries,
    # Pfade, falls nicht automatisch gefunden
    [string]$SignTool = "",
    [string]$Iscc = ""
)

$ErrorActionPreference = "Stop"
Set-StrictMode -Version 3.0
# absolute paths throughout: the caller's current folder stays as it is
$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
$VenvDir = [System.IO.Path]::Combine($Root, $Venv)

function Write-Step([string]$Text) {
    Write-Host ""
    Write-Host "== $Text" -ForegroundColor Cyan
}

# Runs a program and stops the build if it fails. Native programs' stderr output (PyInstaller
# logs there) must not count as a PowerShell error, hence "Continue" while it runs.
function Invoke-Native {
    param([Parameter(Mandatory = $true)][string]$FilePath, [string[]]$Arguments = @())
    $shown = @()
    for ($i = 0; $i -lt $Arguments.Count; $i++) {
        # never show a certificate password (signtool /p, or inside ISCC's /S<name>=<command>)
        if ($i -gt 0 -and $Arguments[$i - 1] -eq "/p") {
            $shown += "***"
        } elseif ($Arguments[$i] -like "/S*=*") {
            $shown += ($Arguments[$i] -split "=", 2)[0] + "=(Signierbefehl)"
        } else {
            $shown += $Arguments[$i]
        }
    }
    Write-Host "> $FilePath $($shown -join ' ')" -ForegroundColor DarkGray
    $saved = $ErrorActionPreference
    $ErrorActionPreference = "Continue"
    try {
        & $FilePath @Arguments
        $code = $LASTEXITCODE
    } finally {
        $ErrorActionPreference = $saved
    }
    if ($code -ne 0) { throw "$FilePath endete mit Exit-Code $code." }
}

function Find-Program {
    param([string]$Given, [string]$Name, [string[]]$Candidates)
    if ($Given) {
        if (Test-Path $Given) { return (Resolve-Path $Given).Path }
        throw "$Name nicht gefunden: $Given"
    }
    foreach ($pattern in $Candidates) {
        $found = @(Get-ChildItem -Path $pattern -ErrorAction SilentlyContinue | Sort-Object FullName -Descending)
        if ($found.Count -gt 0) { return $found[0].FullName }
    }
    $command = Get-Command $Name -ErrorAction SilentlyContinue
    if ($command) { return $command.Source }
    throw "$Name nicht gefunden. Bitte installieren (siehe installers\windows\README.md) oder den Pfad angeben."
}

# --- version ------------------------------------------------------------------------------
$match = Select-String -Path (Join-Path $Root "ozgdesk\__init__.py") -Pattern '^__version__ = "([^"]+)"'
if (-not $match) { throw "__version__ nicht gefunden in ozgdesk\__init__.py" }
$Version = $match.Matches[0].Groups[1].Value
# Windows and Inno Setup want up to four numbers: "0.1.0" -> "0.1.0.0", "1.2rc1" -> "1.2.0.0"
$numbers = @()
foreach ($part in $Version.Split(".")) {
    if ($numbers.Count -ge 4) { break }
    if ($part -match '^(\d+)') { $numbers += [int]$Matches[1] } else { break }
    if ($part -notmatch '^\d+$') { break }
}
while ($numbers.Count -lt 4) { $numbers += 0 }
$VersionNumeric = $numbers -join "."
Write-Host "ozgdesk $Version ($VersionNumeric)"

$Bundle = Join-Path $Root "dist\ozgdesk"
$Gui = Join-Path $Bundle "ozgdesk.exe"
$Cli = Join-Path $Bundle "ozgdesk-cli.exe"

# --- signing tools ------------------------------------------------------------------------
$SignArguments = @()
if ($Sign) {
    $SignTool = Find-Program -Given $SignTool -Name "signtool.exe" -Candidates @(
        "${env:ProgramFiles(x86)}\Windows Kits\10\bin\10.*\x64\signtool.exe",
        "${env:ProgramFiles(x86)}\Windows Kits\10\App Certification Kit\signtool.exe"
    )
    $SignArguments = @("sign", "/fd", "SHA256", "/tr", $TimestampUrl, "/td", "SHA256", "/d", "ozgdesk")
    if ($CertificateThumbprint) {
        $SignArguments += @("/sha1", ($CertificateThumbprint -replace '\s', ''))
    } elseif ($PfxFile) {
        $SignArguments += @("/f", (Resolve-Path $PfxFile).Path)
        if ($env:OZGDESK_SIGN_PFX_PASSWORD) { $SignArguments += @("/p", $env:OZGDESK_SIGN_PFX_PASSWORD) }
    } else {
        throw "-Sign braucht -CertificateThumbprint (oder OZGDESK_SIGN_THUMBPRINT) oder -PfxFile."
    }
}

function Invoke-Sign([string[]]$Files) {
    foreach ($file in $Files) {
        Invoke-Native $SignTool ($SignArguments + @($file))
        Invoke-Native $SignTool @("verify", "/pa", "/q", $file)
    }
}

# --- 1. build environment -----------------------------------------------------------------
Write-Step "Build-Umgebung $VenvDir"
$Python = Join-Path $VenvDir "Scripts\python.exe"
if (-not (Test-Path $Python)) {
    if (Get-Command py -ErrorAction SilentlyContinue) {
        Invoke-Native "py" @("-$PythonVersion", "-m", "venv", $VenvDir)
    } else {
        Invoke-Native "python" @("-m", "venv", $VenvDir)
    }
}
Invoke-Native $Python @("-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--upgrade", "pip")
Invoke-Native $Python @("-m", "pip", "install", "--quiet", "--disable-pip-version-check", "$($Root)[build]")

# --- 2. PyInstaller -----------------------------------------------------------------------
Write-Step "PyInstaller: dist\ozgdesk\"
$started = Get-Date
Invoke-Native $Python @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
    "--distpath", (Join-Path $Root "dist"), "--workpath", (Join-Path $Root "build\pyinstaller"),
    (Join-Path $Root "installers\ozgdesk.spec"))
$size = (Get-ChildItem $Bundle -Recurse -File | Measure-Object -Property Length -Sum).Sum / 1MB
Write-Host ("Bauzeit: {0:N0} s, Größe: {1:N0} MB" -f ((Get-Date) - $started).TotalSeconds, $size)
foreach ($exe in @($Gui, $Cli)) {
    if (-not (Test-Path $exe)) { throw "$exe fehlt." }
}

# --- 3. test the bundle -------------------------------------------------------------------
function Invoke-Bundle {
    param([string[]]$Arguments, [string[]]$Expect = @())
    $saved = $ErrorActionPreference
    $ErrorActionPreference = "Continue"
    try {
        $lines = @(& $Cli @Arguments 2>&1 | ForEach-Object { "$_" })
        $code = $LASTEXITCODE
    } finally {
        $ErrorActionPreference = $saved
    }
    $text = $lines -join "`n"
    $lines | Select-Object -First 3 | ForEach-Object { Write-Host "  $_" }
    if ($code -ne 0) {
        Write-Host $text
        throw "ozgdesk-cli $($Arguments -join ' ') endete mit Exit-Code $code."
    }
    foreach ($expected in $Expect) {
        if (-not $text.Contains($expected)) { throw "ozgdesk-cli $($Arguments -join ' '): erwartet wurde '$expected'." }
    }
}

if (-not $SkipTests) {
    Write-Step "Programmordner testen"
    $work = Join-Path ([System.IO.Path]::GetTempPath()) ("ozgdesk-test-" + [guid]::NewGuid().ToString("N"))
    New-Item -ItemType Directory -Path $work | Out-Null
    $savedEnv = @{}
    $testEnv = @{
        QT_QPA_PLATFORM       = "offscreen"
        OZGDESK_DATA_DIR      = (Join-Path $work "data")
        OZGDESK_LOG_DIR       = (Join-Path $work "log")
        OZGDESK_DOCUMENTS_DIR = (Join-Path $work "docs")
        OZGDESK_CONFIG_DIR    = (Join-Path $work "config")  # never the user's own settings
    }
    $savedEncoding = [Console]::OutputEncoding
    Push-Location $work  # not the source tree: everything must come from the bundle
    try {
        foreach ($name in $testEnv.Keys) {
            $savedEnv[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $testEnv[$name])
        }
        # the bundle runs in Python's UTF-8 mode: its piped output is UTF-8
        [Console]::OutputEncoding = [System.Text.Encoding]::UTF8

        Invoke-Bundle @("--version") -Expect @("ozgdesk $Version")
        Invoke-Bundle @("--smoke-test", "--step", "1") -Expect @("smoke-test: window=ok rows=5247")
        $log = Join-Path $work "log\ozgdesk.log"
        if ((Test-Path $log) -and (Select-String -Path $log -Pattern "Qt-Übersetzung .* nicht gefunden" -Encoding UTF8 -Quiet)) {
            throw "Qts deutsche Übersetzung (qtbase_de.qm) fehlt im Programmordner."
        }
        # the windowed ozgdesk.exe has no console: only its exit code tells
        $process = Start-Process -FilePath $Gui -ArgumentList @("--smoke-test", "--step", "1") -Wait -PassThru
        if ($process.ExitCode -ne 0) { throw "ozgdesk.exe --smoke-test endete mit Exit-Code $($process.ExitCode)." }
        Write-Host "  ozgdesk.exe --smoke-test: Exit-Code 0"
        $project = Join-Path $work "Ahaus.ozgdesk"
        Invoke-Bundle @("new", "--project", $project, "--municipality", "Ahaus") -Expect @("5247 Leistungen")
        Invoke-Bundle @("info", "--project", $project, "--json") -Expect @(
            '"municipality": "Ahaus"', '"services_total": 5247', '"services_with_key": 4813')
        $demo = Join-Path $work "demo.ozgdesk"
        Invoke-Bundle @("demo", "--project", $demo)
        Invoke-Bundle @("export", "overview", "--project", $demo, "--out", (Join-Path $work "overview.pdf"))
        Invoke-Bundle @("export", "roadmap", "--format", "png", "--project", $demo, "--out", (Join-Path $work "plan.png"))
        Invoke-Bundle @("export", "catalogue", "--project", $demo, "--out", (Join-Path $work "katalog.xlsx"))
        Invoke-Bundle @("export", "delivery", "--format", "xzufi", "--project", $demo, "--out", (Join-Path $work "xzufi.xml"))
        Invoke-Bundle @("export", "ics", "--project", $demo, "--out", (Join-Path $work "termin.ics"))
        Invoke-Bundle @("import", (Join-Path $work "katalog.xlsx"), "--project", $demo, "--dry-run")
        Write-Host "Test bestanden." -ForegroundColor Green
    } finally {
        Pop-Location
        [Console]::OutputEncoding = $savedEncoding
        foreach ($name in $savedEnv.Keys) { [Environment]::SetEnvironmentVariable($name, $savedEnv[$name]) }
        Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
    }
}

# --- 4. sign the programs -----------------------------------------------------------------
if ($Sign) {
    Write-Step "Signieren: exe-Dateien im Programmordner"
    $toSign = @($Gui, $Cli)
    if ($SignLibraries) {
        $toSign += @(Get-ChildItem $Bundle -Recurse -File -Include *.dll, *.pyd |
            Where-Object { (Get-AuthenticodeSignature $_.FullName).Status -eq "NotSigned" } |
            ForEach-Object { $_.FullName })
    }
    Invoke-Sign $toSign
}

# --- 5. setup -----------------------------------------------------------------------------
if (-not $SkipSetup) {
    Write-Step "Inno Setup: dist\ozgdesk-$Version-setup.exe"
    $Iscc = Find-Program -Given $Iscc -Name "ISCC.exe" -Candidates @(
        "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
        "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
        "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe"
    )
    $isccArguments = @("/Q", "/DAppVersion=$Version", "/DAppVersionNumeric=$VersionNumeric",
        "/DBundleDir=$Bundle", "/DOutputDir=$(Join-Path $Root 'dist')")
    if ($Sign) {
        # Inno Setup calls this for the setup and the uninstaller; $f is the file, $q a quote
        $command = ('$q' + $SignTool + '$q ' + (($SignArguments | ForEach-Object {
            if ($_ -match '\s') { '$q' + $_ + '$q' } else { $_ } }) -join ' ') + ' $f')
        $isccArguments += @("/DSign", "/Sozgdesksign=$command")
    }
    Invoke-Native $Iscc ($isccArguments + @((Join-Path $PSScriptRoot "ozgdesk.iss")))
    $setup = Join-Path $Root "dist\ozgdesk-$Version-setup.exe"
    if (-not (Test-Path $setup)) { throw "$setup fehlt." }
    if ($Sign) { Invoke-Native $SignTool @("verify", "/pa", "/q", $setup) }
    Write-Host ("Setup: {0} ({1:N0} MB)" -f $setup, ((Get-Item $setup).Length / 1MB)) -ForegroundColor Green
}
