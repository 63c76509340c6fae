using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Tests.Support;

/// <summary>
/// The app as a self-hoster runs it: its own OS process (the built Dashboard.dll), content root at the repository,
/// a SQLite file in a temporary data directory. It can be killed and started again on the same port and data.
/// </summary>
public sealed class AppProcess : IAsyncLifetime
{
    private readonly StringBuilder _log = new();
    private Process? _process;

    public string AdminEmail { get; } = "owner@test.local";

    public string AdminPassword { get; } = "Aa1!" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    public string DataDirectory { get; } = RepoPaths.NewTempDirectory("dashboard-proc");

    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{FreePort()}/");

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Dashboard.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "--contentRoot", RepoPaths.Root])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Urls"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["ConnectionStrings__Dashboard"] = $"Data Source={Path.Combine(DataDirectory, "dashboard.db")}";
        start.Environment["Dashboard__DataDirectory"] = DataDirectory;
        start.Environment["Dashboard__Admin__Email"] = AdminEmail;
        start.Environment["Dashboard__Admin__Password"] = AdminPassword;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {_process.ExitCode}:\n{Log}");
            }

            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The app did not answer /health within 60 s:\n{Log}");
    }

    /// <summary>Kills the process outright, as a crash or a power cut would: no graceful shutdown.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async Task DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
