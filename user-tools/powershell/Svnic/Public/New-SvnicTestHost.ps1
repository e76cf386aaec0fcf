function New-SvnicTestHost {
    <#
    .SYNOPSIS
    Builds a Hyper-V test host on an svnic adapter: an IOV-enabled switch and test VMs on VMQ and SR-IOV.

    .DESCRIPTION
    Sets the adapter's VMQ processor range with Set-NetAdapterVmq, creates an external switch on it
    with New-VMSwitch -EnableIov $true (IOV can only be chosen when the switch is created), creates
    the test VMs (generation 2, no disk) if they do not exist, connects them, and sets each VM
    network adapter's VmqWeight, IovWeight and access VLAN. VMs whose IovWeight is above 0 ask for
    an SR-IOV VF; the others use a VMQ queue when VmqWeight is above 0.
    Returns one object per VM with the settings Hyper-V reports back (VmqUsage, IovUsage, Status).

    .PARAMETER AdapterName
    NetAdapter name of the svnic PF (Get-NetAdapter). Defaults to the only svnic adapter.

    .PARAMETER SwitchName
    Name of the virtual switch to create (or reuse, if it exists and has IOV enabled).

    .PARAMETER VMName
    Names of the test VMs.

    .PARAMETER VmqWeight
    VmqWeight for every VM network adapter (0 = no VMQ, 1..100 = VMQ).

    .PARAMETER IovWeight
    IovWeight per VM, in the order of -VMName; a single value applies to all (0 = no VF).

    .PARAMETER VlanId
    Access VLAN per VM, in the order of -VMName; 0 leaves the adapter untagged.

    .PARAMETER BaseProcessorNumber
    First processor for VMQ queues (Set-NetAdapterVmq -BaseProcessorNumber).

    .PARAMETER MaxProcessors
    Number of processors VMQ may use (Set-NetAdapterVmq -MaxProcessors).

    .PARAMETER MemoryStartupBytes
    Memory of each new test VM, in bytes (default 1 GiB).

    .EXAMPLE
    New-SvnicTestHost -VMName vm1, vm2 -IovWeight 0, 100

    vm1 on a VMQ queue, vm2 asking for an SR-IOV VF.

    .EXAMPLE
    New-SvnicTestHost -AdapterName 'Ethernet 3' -VMName a, b, c -VlanId 10, 20, 0 -BaseProcessorNumber 2 -MaxProcessors 4

    Three VMQ VMs, two of them on access VLANs, queues spread over processors 2..5.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [string] $AdapterName,

        [string] $SwitchName = 'svnic-switch',

        [string[]] $VMName = @('svnic-vm1', 'svnic-vm2'),

        [ValidateRange(0, 100)]
        [int] $VmqWeight = 100,

        [ValidateRange(0, 100)]
        [int[]] $IovWeight = @(0, 100),

        [ValidateRange(0, 4094)]
        [int[]] $VlanId = @(0),

        [ValidateRange(0, 63)]
        [int] $BaseProcessorNumber = 0,

        [ValidateRange(1, 64)]
        [int] $MaxProcessors = 4,

        [long] $MemoryStartupBytes = 1073741824
    )

    Assert-SvnicAdministrator

    if (-not $AdapterName) {
        $adapters = @(Get-SvnicAdapter)
        if ($adapters.Count -ne 1) {
            throw "Found $($adapters.Count) svnic adapters; name one with -AdapterName."
        }
        $AdapterName = $adapters[0].Name
    }

    if ($PSCmdlet.ShouldProcess($AdapterName, "Set-NetAdapterVmq -BaseProcessorNumber $BaseProcessorNumber -MaxProcessors $MaxProcessors")) {
        Set-NetAdapterVmq -Name $AdapterName -Enabled $true -BaseProcessorNumber $BaseProcessorNumber -MaxProcessors $MaxProcessors
    }

    $switch = Get-VMSwitch -Name $SwitchName -ErrorAction SilentlyContinue
    if ($switch -and -not $switch.IovEnabled) {
        throw "Switch $SwitchName exists without IOV; IOV can only be enabled at creation. Remove it or pick another -SwitchName."
    }
    if (-not $switch -and $PSCmdlet.ShouldProcess($SwitchName, "New-VMSwitch -NetAdapterName $AdapterName -EnableIov `$true")) {
        $switch = New-VMSwitch -Name $SwitchName -NetAdapterName $AdapterName -AllowManagementOS $true -EnableIov $true
    }

    for ($i = 0; $i -lt $VMName.Count; $i++) {
        $name = $VMName[$i]
        $iov = if ($IovWeight.Count -eq 1) { $IovWeight[0] } elseif ($i -lt $IovWeight.Count) { $IovWeight[$i] } else { 0 }
        $vlan = if ($VlanId.Count -eq 1) { $VlanId[0] } elseif ($i -lt $VlanId.Count) { $VlanId[$i] } else { 0 }

        if (-not (Get-VM -Name $name -ErrorAction SilentlyContinue)) {
            if ($PSCmdlet.ShouldProcess($name, 'New-VM')) {
                New-VM -Name $name -Generation 2 -MemoryStartupBytes $MemoryStartupBytes -NoVHD -SwitchName $SwitchName | Out-Null
            }
        }
        elseif ($PSCmdlet.ShouldProcess($name, "Connect-VMNetworkAdapter -SwitchName $SwitchName")) {
            Connect-VMNetworkAdapter -VMName $name -SwitchName $SwitchName
        }

        if ($PSCmdlet.ShouldProcess($name, "Set-VMNetworkAdapter -VmqWeight $VmqWeight -IovWeight $iov")) {
            Set-VMNetworkAdapter -VMName $name -VmqWeight $VmqWeight -IovWeight $iov
            if ($vlan -gt 0) {
                Set-VMNetworkAdapterVlan -VMName $name -Access -VlanId $vlan
            }
            else {
                Set-VMNetworkAdapterVlan -VMName $name -Untagged
            }
        }
    }

    if ($WhatIfPreference) {
        return
    }
    foreach ($name in $VMName) {
        $nic = Get-VMNetworkAdapter -VMName $name | Select-Object -First 1
        [pscustomobject]@{
            PSTypeName = 'Svnic.TestHostVm'
            VMName     = $name
            SwitchName = $nic.SwitchName
            MacAddress = $nic.MacAddress
            VmqWeight  = $nic.VmqWeight
            IovWeight  = $nic.IovWeight
            VmqUsage   = $nic.VmqUsage
            IovUsage   = $nic.IovUsage
            Status     = ($nic.Status -join ', ')
        }
    }
}
