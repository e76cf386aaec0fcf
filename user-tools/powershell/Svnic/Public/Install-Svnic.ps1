function Install-Svnic {
    <#
    .SYNOPSIS
    Installs the svnic driver package and creates the root-enumerated svnic adapter.

    .DESCRIPTION
    Checks that the session is elevated and that test signing is on (bcdedit /enum {current}
    shows "testsigning Yes"), stages the package with `pnputil /add-driver svnic.inf /install`,
    creates the root\svnic device with `devcon install`, waits for the adapter to appear, and
    optionally sets the hidden preference keywords (*RssOrVmqPreference, *SriovPreferred) that the
    INF deliberately does not write (spec 1.12), then restarts the adapter so that the driver
    re-reads them. Returns the NetAdapter object.

    .PARAMETER PackagePath
    Folder holding the signed package: svnic.inf, svnic.sys, svnic.cat (docs/windows.md, section 2).

    .PARAMETER InterfacePreference
    Rss (default: leave the hidden keywords absent), Vmq (*RssOrVmqPreference = 1) or Sriov
    (*RssOrVmqPreference = 1 and *SriovPreferred = 1: SR-IOV with VMQ on the default vPort).

    .PARAMETER DevconPath
    Path of devcon.exe when it is neither on the PATH nor under the WDK's Tools folder.

    .PARAMETER TimeoutSeconds
    How long to wait for the adapter to appear after devcon creates the device.

    .EXAMPLE
    Install-Svnic -PackagePath C:\svnic\pkg -InterfacePreference Vmq

    Installs the package, creates one adapter and makes it prefer VMQ over RSS.

    .EXAMPLE
    Install-Svnic -PackagePath .\pkg -InterfacePreference Sriov -WhatIf

    Shows the pnputil, devcon and registry steps without running them.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateScript({ Test-Path -LiteralPath (Join-Path $_ 'svnic.inf') })]
        [string] $PackagePath,

        [ValidateSet('Rss', 'Vmq', 'Sriov')]
        [string] $InterfacePreference = 'Rss',

        [string] $DevconPath,

        [ValidateRange(1, 600)]
        [int] $TimeoutSeconds = 60
    )

    Assert-SvnicAdministrator
    if (-not (Test-SvnicTestSigning)) {
        throw 'Test signing is off. Run "bcdedit /set testsigning on", trust the test certificate, reboot (docs/windows.md, section 3).'
    }

    $inf = (Resolve-Path -LiteralPath (Join-Path $PackagePath 'svnic.inf')).Path
    $devcon = Get-SvnicDevconPath -DevconPath $DevconPath

    if ($PSCmdlet.ShouldProcess($inf, 'pnputil /add-driver /install')) {
        & pnputil.exe /add-driver $inf /install | Write-Verbose
        if ($LASTEXITCODE -ne 0) {
            throw "pnputil /add-driver $inf failed with exit code $LASTEXITCODE."
        }
    }

    $before = @(Get-SvnicAdapter | ForEach-Object { $_.InterfaceGuid })
    if ($PSCmdlet.ShouldProcess('root\svnic', "devcon install $inf")) {
        & $devcon install $inf 'root\svnic' | Write-Verbose
        if ($LASTEXITCODE -ne 0) {
            throw "devcon install $inf root\svnic failed with exit code $LASTEXITCODE."
        }
    }
    if ($WhatIfPreference) {
        return
    }

    $deadline = (Get-Date).AddSeconds($TimeoutSeconds)
    $adapter = $null
    while (-not $adapter -and (Get-Date) -lt $deadline) {
        $adapter = Get-SvnicAdapter | Where-Object { $before -notcontains $_.InterfaceGuid } | Select-Object -First 1
        if (-not $adapter) {
            Start-Sleep -Milliseconds 500
        }
    }
    if (-not $adapter) {
        throw "No svnic adapter appeared within $TimeoutSeconds s. Check Device Manager / setupapi.dev.log for the install result."
    }

    $values = @{}
    if ($InterfacePreference -eq 'Vmq' -or $InterfacePreference -eq 'Sriov') {
        $values['*RssOrVmqPreference'] = 1
    }
    if ($InterfacePreference -eq 'Sriov') {
        $values['*SriovPreferred'] = 1
    }
    foreach ($keyword in $values.Keys) {
        if ($PSCmdlet.ShouldProcess($adapter.Name, "set hidden keyword $keyword = $($values[$keyword])")) {
            $existing = Get-NetAdapterAdvancedProperty -Name $adapter.Name -AllProperties -RegistryKeyword $keyword -ErrorAction SilentlyContinue
            if ($existing) {
                Set-NetAdapterAdvancedProperty -Name $adapter.Name -AllProperties -RegistryKeyword $keyword -RegistryValue $values[$keyword] -NoRestart
            }
            else {
                New-NetAdapterAdvancedProperty -Name $adapter.Name -RegistryKeyword $keyword -RegistryValue $values[$keyword] -RegistryDataType REG_DWORD -NoRestart | Out-Null
            }
        }
    }
    if ($values.Count -gt 0 -and $PSCmdlet.ShouldProcess($adapter.Name, 'Restart-NetAdapter')) {
        Restart-NetAdapter -Name $adapter.Name
    }

    Get-NetAdapter -Name $adapter.Name
}
