function Uninstall-Svnic {
    <#
    .SYNOPSIS
    Removes every root-enumerated svnic adapter and deletes the svnic package from the driver store.

    .DESCRIPTION
    Runs `devcon remove root\svnic` (all svnic devices created by Install-Svnic), then finds the
    published name (oemNN.inf) of every staged package whose original name is svnic.inf or
    svnicvf.inf and deletes it with `pnputil /delete-driver oemNN.inf /uninstall /force`.
    Test signing is left as it is; turn it off with "bcdedit /set testsigning off" when done.

    .PARAMETER DevconPath
    Path of devcon.exe when it is neither on the PATH nor under the WDK's Tools folder.

    .PARAMETER KeepDriverPackage
    Remove the devices but keep the package staged in the driver store.

    .EXAMPLE
    Uninstall-Svnic

    Removes the adapters and the driver package.

    .EXAMPLE
    Uninstall-Svnic -KeepDriverPackage -Verbose

    Removes only the adapters, printing devcon's output.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [string] $DevconPath,

        [switch] $KeepDriverPackage
    )

    Assert-SvnicAdministrator
    $devcon = Get-SvnicDevconPath -DevconPath $DevconPath

    if ($PSCmdlet.ShouldProcess('root\svnic', 'devcon remove')) {
        & $devcon remove 'root\svnic' | Write-Verbose
        if ($LASTEXITCODE -ne 0) {
            throw "devcon remove root\svnic failed with exit code $LASTEXITCODE."
        }
    }

    if ($KeepDriverPackage) {
        return
    }
    $packages = @(Get-WindowsDriver -Online -All |
        Where-Object { (Split-Path -Leaf $_.OriginalFileName) -in @('svnic.inf', 'svnicvf.inf') })
    foreach ($package in $packages) {
        if ($PSCmdlet.ShouldProcess($package.Driver, 'pnputil /delete-driver /uninstall /force')) {
            & pnputil.exe /delete-driver $package.Driver /uninstall /force | Write-Verbose
            if ($LASTEXITCODE -ne 0) {
                throw "pnputil /delete-driver $($package.Driver) failed with exit code $LASTEXITCODE."
            }
        }
    }
    [pscustomobject]@{
        RemovedDevices  = 'root\svnic'
        DeletedPackages = @($packages | ForEach-Object { $_.Driver })
    }
}
