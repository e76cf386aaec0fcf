# Finding and running svnicctl. Every Get-Svnic* function goes through Invoke-Svnicctl so that the
# command line, the exit-code check and the JSON conversion are written once.

function Get-SvnicctlPath {
    <#
    .SYNOPSIS
    Returns the path of the svnicctl executable.
    .DESCRIPTION
    Looks, in order, at $env:SVNICCTL, the module folder, and the PATH. Throws when none has it.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()

    if ($env:SVNICCTL -and (Test-Path -LiteralPath $env:SVNICCTL)) {
        return $env:SVNICCTL
    }
    foreach ($name in @('svnicctl.exe', 'svnicctl')) {
        $local = Join-Path $PSScriptRoot (Join-Path '..' $name)
        if (Test-Path -LiteralPath $local) {
            return (Resolve-Path -LiteralPath $local).Path
        }
    }
    $command = Get-Command -Name 'svnicctl' -CommandType Application -ErrorAction SilentlyContinue |
        Select-Object -First 1
    if ($command) {
        return $command.Source
    }
    throw "svnicctl not found: set `$env:SVNICCTL, put svnicctl next to the module, or add it to PATH (cargo build -p svnicctl --release)."
}

function Invoke-Svnicctl {
    <#
    .SYNOPSIS
    Runs `svnicctl --json <arguments>` and returns the parsed objects.
    .DESCRIPTION
    Adds --scenario when a scenario file is given (the simulator backend); otherwise svnicctl uses
    its platform backend (the driver's control device on Windows). A non-zero exit code becomes a
    terminating error that carries svnicctl's own message (it names the NDIS status).
    .PARAMETER Arguments
    The subcommand and its arguments, for example 'vmq', 'queues'.
    .PARAMETER Scenario
    A hyperv-sim scenario file (TOML) to run the command against instead of a real adapter.
    .PARAMETER TypeName
    PSTypeName given to every returned object.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string[]] $Arguments,

        [string] $Scenario,

        [string] $TypeName
    )

    $exe = Get-SvnicctlPath
    $argv = @('--json')
    if ($Scenario) {
        $argv += @('--scenario', $Scenario)
    }
    $argv += $Arguments
    Write-Verbose ("{0} {1}" -f $exe, ($argv -join ' '))

    $output = & $exe @argv 2>&1
    $exitCode = $LASTEXITCODE
    $stdout = @($output | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
    $stderr = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
    if ($exitCode -ne 0) {
        $message = ($stderr | ForEach-Object { $_.ToString() }) -join [Environment]::NewLine
        throw ("svnicctl {0} failed (exit {1}): {2}" -f ($Arguments -join ' '), $exitCode, $message)
    }

    $json = $stdout -join [Environment]::NewLine
    if ([string]::IsNullOrWhiteSpace($json)) {
        return
    }
    $items = $json | ConvertFrom-Json
    foreach ($item in @($items)) {
        if ($TypeName) {
            $item.PSObject.TypeNames.Insert(0, $TypeName)
        }
        $item
    }
}
