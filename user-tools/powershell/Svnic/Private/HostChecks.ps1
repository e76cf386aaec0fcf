# Checks and look-ups shared by Install-Svnic, Uninstall-Svnic and New-SvnicTestHost.

function Assert-SvnicAdministrator {
    <#
    .SYNOPSIS
    Throws unless the session is elevated (pnputil, devcon, bcdedit and Hyper-V need it).
    #>
    [CmdletBinding()]
    param()

    $identity = [Security.Principal.WindowsIdentity]::GetCurrent()
    $principal = New-Object Security.Principal.WindowsPrincipal($identity)
    if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
        throw 'Run this from an elevated PowerShell (Run as administrator).'
    }
}

function Test-SvnicTestSigning {
    <#
    .SYNOPSIS
    True when the running boot entry has test signing on (bcdedit /enum {current}).
    .PARAMETER BcdeditOutput
    bcdedit output to inspect instead of running bcdedit (for tests).
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [string[]] $BcdeditOutput
    )

    if (-not $PSBoundParameters.ContainsKey('BcdeditOutput')) {
        $BcdeditOutput = & bcdedit.exe /enum '{current}'
        if ($LASTEXITCODE -ne 0) {
            throw 'bcdedit /enum {current} failed; run elevated.'
        }
    }
    foreach ($line in $BcdeditOutput) {
        if ($line -match '^\s*testsigning\s+(\S+)') {
            return ($Matches[1] -eq 'Yes')
        }
    }
    return $false
}

function Get-SvnicDevconPath {
    <#
    .SYNOPSIS
    Finds devcon.exe (WDK Tools\x64) to create and remove the root-enumerated device.
    .PARAMETER DevconPath
    An explicit path; used as is when given.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [string] $DevconPath
    )

    if ($DevconPath) {
        if (-not (Test-Path -LiteralPath $DevconPath)) {
            throw "devcon not found at $DevconPath."
        }
        return $DevconPath
    }
    $command = Get-Command -Name 'devcon.exe' -CommandType Application -ErrorAction SilentlyContinue |
        Select-Object -First 1
    if ($command) {
        return $command.Source
    }
    $kits = Join-Path ${env:ProgramFiles(x86)} 'Windows Kits\10\Tools'
    $found = Get-ChildItem -Path $kits -Filter 'devcon.exe' -Recurse -ErrorAction SilentlyContinue |
        Where-Object { $_.FullName -match '\\x64\\' } |
        Select-Object -First 1
    if ($found) {
        return $found.FullName
    }
    throw 'devcon.exe not found: install the WDK (Tools\x64\devcon.exe) or pass -DevconPath.'
}

function Get-SvnicAdapter {
    <#
    .SYNOPSIS
    The NetAdapter objects of installed svnic PFs (interface description starts with "svnic").
    #>
    [CmdletBinding()]
    param()

    Get-NetAdapter -IncludeHidden -ErrorAction SilentlyContinue |
        Where-Object { $_.InterfaceDescription -like 'svnic*' -and $_.InterfaceDescription -notlike '*virtual function*' }
}
