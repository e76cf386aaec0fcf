function Get-SvnicQueue {
    <#
    .SYNOPSIS
    Lists the svnic adapter's VMQ receive queues, as Get-NetAdapterVmqQueue would, from the driver.

    .DESCRIPTION
    Runs `svnicctl --json vmq queues` and turns its JSON into objects with the columns of
    Get-NetAdapterVmqQueue: QueueID, MacAddress, VlanID, Processor, VmFriendlyName, plus State and
    NumFilters. The rows come from the driver's answers to the receive-filter OIDs (through
    its control device on Windows, or from a simulated host with -Scenario); queue 0 is the
    default queue.

    .PARAMETER Adapter
    Only this adapter's queues (svnicctl adapter name, as `svnicctl adapter list` prints it).

    .PARAMETER Scenario
    A hyperv-sim scenario file (TOML): build that simulated host, run its traffic, and list its
    queues instead of a real adapter's. Needs svnicctl built off Windows (PowerShell 7 on Linux
    or macOS): the simulator backend is not built on Windows.

    .EXAMPLE
    Get-SvnicQueue | Format-Table QueueID, MacAddress, VlanID, Processor, VmFriendlyName

    .EXAMPLE
    Get-SvnicQueue -Scenario .\host.toml | Where-Object State -ne 'Running'
    #>
    [CmdletBinding()]
    param(
        [string] $Adapter,

        [string] $Scenario
    )

    $arguments = @('vmq', 'queues')
    if ($Adapter) {
        $arguments += @('--adapter', $Adapter)
    }
    Invoke-Svnicctl -Arguments $arguments -Scenario $Scenario -TypeName 'Svnic.VmqQueue'
}
