# Module manifest for the svnic test-host module.
@{
    RootModule           = 'Svnic.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f2c7d0e-3b41-4c8e-9a55-2f1d8e4b7c90'
    Author               = 'svnic project'
    CompanyName          = 'svnic project'
    Copyright            = 'MIT License'
    Description          = 'Install the svnic test driver, build Hyper-V test hosts on it, and read its VMQ queues, SR-IOV VFs and vPorts through svnicctl.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FunctionsToExport    = @(
        'Install-Svnic',
        'Uninstall-Svnic',
        'New-SvnicTestHost',
        'Get-SvnicQueue',
        'Get-SvnicVf',
        'Get-SvnicVPort'
    )
    CmdletsToExport      = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('svnic', 'NDIS', 'VMQ', 'SR-IOV', 'Hyper-V')
            ProjectUri = 'https://example.invalid/svnic'
        }
    }
}
