function Get-SvnicVf {
    <#
    .SYNOPSIS
    Lists the svnic adapter's SR-IOV virtual functions, as Get-NetAdapterSriovVf would, from the driver.

    .DESCRIPTION
    Runs `svnicctl --json sriov vfs` and turns its JSON into objects with the columns of
    Get-NetAdapterSriovVf: FunctionID, SwitchID, VmFriendlyName, MacAddress, VPortID. VPortID
    lists the vPorts attached to the VF, comma-separated.

    .PARAMETER Adapter
    Only this adapter's VFs (svnicctl adapter name).

    .PARAMETER Scenario
    A hyperv-sim scenario file (TOML) to read from instead of a real adapter. Needs svnicctl
    built off Windows (PowerShell 7 on Linux or macOS): the simulator backend is not built on
    Windows.

    .EXAMPLE
    Get-SvnicVf | Format-Table FunctionID, VmFriendlyName, MacAddress, VPortID

    .EXAMPLE
    Get-SvnicVf -Scenario .\host.toml -Adapter svnic0
    #>
    [CmdletBinding()]
    param(
        [string] $Adapter,

        [string] $Scenario
    )

    $arguments = @('sriov', 'vfs')
    if ($Adapter) {
        $arguments += @('--adapter', $Adapter)
    }
    Invoke-Svnicctl -Arguments $arguments -Scenario $Scenario -TypeName 'Svnic.SriovVf'
}
