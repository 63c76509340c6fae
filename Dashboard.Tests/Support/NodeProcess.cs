using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Dashboard.Tests.Support;

/// <summary>
/// The node process behind a <see cref="NodeClient"/>: JSON-line commands in (one writer at a time), stdout lines handed
/// on one by one, stderr kept for failure messages, and a stop that falls back to a kill.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly StringBuilder _stderr = new();
    private readonly SemaphoreSlim _stdin = new(1, 1);
    private Task _stdoutPump = Task.CompletedTask;
    private Task _stderrPump = Task.CompletedTask;

    private NodeProcess(Process process) => _process = process;

    /// <summary>Everything node wrote to stderr so far, plus the lines on stdout that were not protocol.</summary>
    public string Stderr
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts node on a driver script, in the repository root so that it resolves node_modules there.</summary>
    /// <param name="package">The npm package the driver imports, checked first for a clear message.</param>
    /// <param name="token">Put in <paramref name="tokenVariable"/>; null leaves the variable unset.</param>
    public static NodeProcess Start(string scriptPath, string package, IEnumerable<string> arguments, string tokenVariable, string? token)
    {
        if (!File.Exists(scriptPath))
        {
            throw new FileNotFoundException("The node driver script is missing.", scriptPath);
        }

        if (!Directory.Exists(Path.Combine(RepoPaths.Root, "node_modules", package)))
        {
            throw new InvalidOperationException($"node_modules/{package} is missing: run 'npm ci' in {RepoPaths.Root} (scripts/test.sh does).");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(scriptPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The token goes through the environment, not the command line (which any local user can list).
        if (token is null)
        {
            start.Environment.Remove(tokenVariable);
        }
        else
        {
            start.Environment[tokenVariable] = token;
        }

        try
        {
            return new NodeProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start node."));
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start 'node' (Node.js 20+ must be on PATH) for {package}.", e);
        }
    }

    /// <summary>
    /// Starts reading: <paramref name="onLine"/> gets each non-empty stdout line in order; <paramref name="onExited"/> runs
    /// once stdout has ended, after stderr has drained, so that its message can carry all of it.
    /// </summary>
    public void Pump(Action<string> onLine, Action onExited)
    {
        _stderrPump = Task.Run(async () =>
        {
            while (await _process.StandardError.ReadLineAsync() is { } line)
            {
                AppendStderr(line);
            }
        });
        _stdoutPump = Task.Run(async () =>
        {
            try
            {
                while (await _process.StandardOutput.ReadLineAsync() is { } line)
                {
                    if (line.Length > 0)
                    {
                        onLine(line);
                    }
                }
            }
            finally
            {
                try
                {
                    await _stderrPump.WaitAsync(TimeSpan.FromSeconds(2));
                }
                catch (TimeoutException)
                {
                }

                onExited();
            }
        });
    }

    public void AppendStderr(string line)
    {
        lock (_gate)
        {
            _stderr.AppendLine(line);
        }
    }

    /// <exception cref="IOException">node has exited.</exception>
    public async Task WriteLineAsync(string line)
    {
        await _stdin.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync(line);
            await _process.StandardInput.FlushAsync();
        }
        finally
        {
            _stdin.Release();
        }
    }

    /// <summary>Asks the driver to stop (it disconnects cleanly), and kills it when it has not exited 3 s later.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await WriteLineAsync("""{"op":"stop"}""");
                _process.StandardInput.Close();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
            {
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                try
                {
                    _process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It exited in the meantime.
                }

                await _process.WaitForExitAsync();
            }
        }

        await Task.WhenAll(_stdoutPump, _stderrPump);
        _process.Dispose();
        _stdin.Dispose();
    }
}
