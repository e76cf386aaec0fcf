function Get-SvnicVPort {
    <#
    .SYNOPSIS
    Lists the svnic NIC switch's virtual ports, as Get-NetAdapterVPort would, from the driver.

    .DESCRIPTION
    Runs `svnicctl --json vport list` and turns its JSON into objects with the columns of
    Get-NetAdapterVPort: VPortID, SwitchID, FunctionID, NumQueuePairs, VPortState, Processor,
    NumFilters.

    .PARAMETER Adapter
    Only this adapter's vPorts (svnicctl adapter name).

    .PARAMETER Scenario
    A hyperv-sim scenario file (TOML) to read from instead of a real adapter. Needs svnicctl
    built off Windows (PowerShell 7 on Linux or macOS): the simulator backend is not built on
    Windows.

    .EXAMPLE
    Get-SvnicVPort | Format-Table VPortID, FunctionID, VPortState, NumFilters

    .EXAMPLE
    Get-SvnicVPort -Scenario .\host.toml | Where-Object FunctionID -ne 0
    #>
    [CmdletBinding()]
    param(
        [string] $Adapter,

        [string] $Scenario
    )

    $arguments = @('vport', 'list')
    if ($Adapter) {
        $arguments += @('--adapter', $Adapter)
    }
    Invoke-Svnicctl -Arguments $arguments -Scenario $Scenario -TypeName 'Svnic.VPort'
}
