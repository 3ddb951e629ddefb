using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Npgsql;

namespace HazardPortal.Bench;

/// <summary>
/// Issue #18 §5, <c>./portal bench --only failover</c>: the drills on the cluster's PostgreSQL formation
/// (pg_auto_failover, a primary and a synchronous standby; <c>./portal cluster</c> keeps it). The bench starts its own
/// two portal processes on the multi-host connection string and its own HAProxy in front of them (the cluster's
/// configuration, written by the portal script), against its own database on the formation, and measures:
/// the load profile on one node beside two; the primary's postmaster killed (SIGKILL) during 60 s of 100 form
/// submissions per second through the proxy (failover time, failed attempts — each retried —, and submissions
/// answered 200 that are missing afterwards); one portal node killed under the same load; the standby stopped while
/// writes and reads go on.
/// </summary>
public sealed class FailoverBenchmark(BenchContext ctx, string appConnection, string webDll, FailoverBenchmark.Cluster cluster)
{
    private const int ProxyPort = 5090;
    private static readonly int[] NodePorts = [5092, 5093];

    /// <summary>Where the formation lives (<c>.data/cluster</c>), pg_autoctl's directory, and the proxy's configuration for the bench's nodes.</summary>
    public sealed record Cluster(string Dir, string PgBin, string HaproxyConfig, string Admin, string Reads);

    private static readonly LoadTest.Phase[] Warmup = [new("warmup", 20, 20), new("warmup", 60, 10)];
    private static readonly LoadTest.Phase[] Steady = [new("steady", 200, 30)];
    private static readonly LoadTest.Phase[] Drill = [new("drill", 100, 60)];
    private static readonly LoadTest.Phase[] Short = [new("drill", 100, 30)];
    private const int BrowserSessions = 50;

    public async Task RunAsync(CancellationToken ct)
    {
        var plan = new List<(string Name, LoadTest.Phase[] Phases)> { ("warmup", Warmup), ("one-node", Steady), ("two-nodes", Steady), ("primary-killed", Drill), ("node-killed-api", Short), ("node-killed", Short), ("standby-stopped", Short) };
        // Every phase its own forms; beyond them, the browser sessions' (one form per cadre).
        var needed = plan.Sum(p => (int)p.Phases.Sum(x => x.Rate * x.Seconds) + 100) + 2000;
        var (users, forms) = await LoadTest.PrepareAsync(ctx, needed, ct);
        var skips = new Dictionary<string, int>();
        var skip = 0;
        foreach (var (name, phases) in plan)
        {
            skips[name] = skip;
            skip += (int)phases.Sum(x => x.Rate * x.Seconds) + 100;
        }

        var nodes = NodePorts.Select(port => LoadTest.StartPortal(webDll, appConnection, port, ("Proxy__Trusted", "127.0.0.1"), ("Database__Reads", cluster.Reads), ("Diagnostics__Circuits", "true"))).ToArray();
        using var proxy = Process.Start(new ProcessStartInfo("haproxy", $"-db -f \"{cluster.HaproxyConfig}\"") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })!;
        try
        {
            foreach (var port in NodePorts.Append(ProxyPort))
            {
                await LoadTest.WaitHealthyAsync(port, ct);
            }

            var proxyUrl = $"http://127.0.0.1:{ProxyPort}";
            var planFile = await LoadTest.PlanAsync(proxyUrl, users, forms, ct);
            await LoadTest.ClientAsync(ctx, proxyUrl, planFile, skips["warmup"], Warmup, "warmup", ct: ct);

            // The load profile on one node (straight to it) beside two (through the proxy, which spreads the API's
            // requests round-robin: a bearer-token client carries no sticky cookie).
            var one = await LoadTest.ClientAsync(ctx, $"http://127.0.0.1:{NodePorts[0]}", planFile, skips["one-node"], Steady, "one-node", ct: ct);
            var two = await LoadTest.ClientAsync(ctx, proxyUrl, planFile, skips["two-nodes"], Steady, "two-nodes", ct: ct);
            ctx.Figure("one_node_submit_rate_per_s", one.RatePerSecond, "submissions per second achieved on one portal node (200/s offered for 30 s)");
            ctx.Figure("one_node_submit_p95_ms", one.P95, "their p95 on one node");
            ctx.Figure("two_nodes_submit_rate_per_s", two.RatePerSecond, "the same profile through HAProxy on two portal nodes");
            ctx.Figure("two_nodes_submit_p95_ms", two.P95, "their p95 on two nodes");

            // The primary's postmaster killed twenty seconds into a minute of 100 submissions per second.
            var (primaryPid, primaryName) = await PrimaryAsync(ct);
            var drill = LoadTest.ClientAsync(ctx, proxyUrl, planFile, skips["primary-killed"], Drill, "primary-killed", retry: true, ct: ct);
            await Task.Delay(TimeSpan.FromSeconds(20), ct);
            var killedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            Process.GetProcessById(primaryPid).Kill();
            ctx.Log.WriteLine($"  failover: killed {primaryName}'s postmaster ({primaryPid})");
            var failover = await drill;
            var lost = await LostAsync($"{planFile}.primary-killed.acked", ct);
            var failoverSeconds = SecondsAfter(failover, killedAt);
            ctx.Figure("failover_seconds", failoverSeconds, "from the SIGKILL of the primary's postmaster to the last failed attempt; every attempt after it succeeded (target < 15 s)");
            ctx.Figure("failover_errors", failover.Errors, "failed attempts during the failover, each retried by the client until answered");
            ctx.Figure("failover_lost", lost, "submissions answered 200 that are not submitted afterwards (target 0)");
            var formation = await HealthyAsync(ct);
            ctx.Log.WriteLine($"  failover: formation healthy again after {formation:F0} s");

            // One portal node killed (SIGKILL) ten seconds into 30 s of 100 submissions per second through the proxy, the API
            // alone: how soon the proxy and the surviving node carry the load. Then the node is started again.
            var apiDrill = LoadTest.ClientAsync(ctx, proxyUrl, planFile, skips["node-killed-api"], Short, "node-killed-api", retry: true, ct: ct);
            await Task.Delay(TimeSpan.FromSeconds(10), ct);
            var apiKilledAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            nodes[1].Kill(entireProcessTree: true);
            var apiLoss = await apiDrill;
            var apiLost = await LostAsync($"{planFile}.node-killed-api.acked", ct);
            var apiSeconds = SecondsAfter(apiLoss, apiKilledAt);
            ctx.Figure("node_loss_api_only_seconds", apiSeconds, "one portal node killed under 100 submissions/s with no browsers on the machine: from the SIGKILL to the last failed attempt");
            ctx.Figure("node_loss_api_only_errors", apiLoss.Errors, "failed attempts meanwhile, each retried");
            ctx.Figure("node_loss_api_only_lost", apiLost, "submissions answered 200 that are not submitted afterwards (target 0)");
            nodes[1].Dispose();
            nodes[1] = LoadTest.StartPortal(webDll, appConnection, NodePorts[1], ("Proxy__Trusted", "127.0.0.1"), ("Database__Reads", cluster.Reads), ("Diagnostics__Circuits", "true"));
            await LoadTest.WaitHealthyAsync(NodePorts[1], ct);
            await Task.Delay(TimeSpan.FromSeconds(3), ct); // the proxy's checks take it back (rise 2, every second)

            // The same with 50 signed-in browser sessions on the node, each with a value typed into its form and not submitted.
            var browserForms = forms.Skip(skip).GroupBy(f => f.User).Select(g => g.First()).Take(BrowserSessions).ToList();
            await using var browsers = await BrowserSessions_.OpenAsync(proxyUrl, "web2", browserForms, ctx.Log, ct);
            // Idle circuits per node: the 50 sessions are pinned to web2 by the proxy's cookie; web1 holds none.
            var before = (Web1: await CircuitsAsync(NodePorts[0], ct), Web2: await CircuitsAsync(NodePorts[1], ct));
            ctx.Figure("idle_circuits_web1", before.Web1, "circuits web1 holds while the 50 sessions sit idle on web2 (the node's own count, GET /diagnostics/circuits)");
            ctx.Figure("idle_circuits_web2", before.Web2, "circuits web2 holds meanwhile");
            var nodeDrill = LoadTest.ClientAsync(ctx, proxyUrl, planFile, skips["node-killed"], Short, "node-killed", retry: true, ct: ct);
            await Task.Delay(TimeSpan.FromSeconds(10), ct);
            var nodeKilledAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            nodes[1].Kill(entireProcessTree: true);
            var recovered = await browsers.AwaitRestoredAsync(TimeSpan.FromSeconds(120), ct);
            var nodeLoss = await nodeDrill;
            ctx.Figure("idle_circuits_web1_after", await CircuitsAsync(NodePorts[0], ct), "circuits web1 holds once the sessions are back on it (the killed node's 50 reloaded there)");
            var nodeLost = await LostAsync($"{planFile}.node-killed.acked", ct);
            var reconnects = recovered.Where(r => r is not null).Select(r => r!.Value).Order().ToArray();
            var inputLost = recovered.Count(r => r is null);
            var reconnectP95 = reconnects.Length == 0 ? double.NaN : Math.Round(Timing.Percentile(reconnects, 0.95), 2);
            ctx.Figure("node_loss_reconnect_s", reconnectP95, $"p95 over {browsers.Count} browser sessions on the killed node: from the SIGKILL until the page is back on the other node with the typed value restored");
            ctx.Figure("node_loss_input_lost", inputLost, "sessions whose typed, unsubmitted value was not there after reconnection (target 0)");
            ctx.Figure("node_loss_api_seconds", SecondsAfter(nodeLoss, nodeKilledAt), "from the SIGKILL of one portal node to the last failed API attempt through the proxy (0: none failed)");
            ctx.Figure("node_loss_api_errors", nodeLoss.Errors, "failed API attempts meanwhile, each retried");
            ctx.Figure("node_loss_api_lost", nodeLost, "submissions answered 200 that are not submitted afterwards (target 0)");

            // The standby stopped (pg_autoctl stop) ten seconds into 30 s of submissions, with reads alongside.
            var standby = await StandbyAsync(ct);
            var reads = new ReadProbe(proxyUrl, (await File.ReadAllLinesAsync(planFile, ct))[0]);
            var readTask = reads.RunAsync(TimeSpan.FromSeconds(30));
            var standbyDrill = LoadTest.ClientAsync(ctx, proxyUrl, planFile, skips["standby-stopped"], Short, "standby-stopped", retry: true, ct: ct);
            await Task.Delay(TimeSpan.FromSeconds(10), ct);
            reads.Mark();
            await StopNodeAsync(standby, ct);
            ctx.Log.WriteLine($"  standby: stopped {standby}");
            var standbyRun = await standbyDrill;
            await readTask;
            var standbyLost = await LostAsync($"{planFile}.standby-stopped.acked", ct);
            ctx.Figure("standby_stop_write_errors", standbyRun.Errors, "failed submissions while the standby was stopped (each retried)");
            ctx.Figure("standby_stop_write_max_ms", standbyRun.Max, "the longest submission meanwhile (a synchronous commit waits until the monitor lets the primary go on alone)");
            ctx.Figure("standby_stop_lost", standbyLost, "submissions answered 200 that are not submitted afterwards (target 0)");
            ctx.Figure("standby_stop_read_errors", reads.Errors, $"failed dashboard reads (GET /api/v1/dashboard, 5/s) around the standby's stop, of {reads.Sent} (target 0)");
            ctx.Figure("reads_on_standby_before_stop", reads.StandbyBefore, $"of the {reads.Sent - reads.SentAfter} dashboard reads before the stop, those served by the standby (Database:Reads, lag bound 5 s)");
            ctx.Figure("reads_on_standby_after_stop", reads.StandbyAfter, $"of the {reads.SentAfter} after it, those served by the standby (0: all fell back to the primary)");

            ctx.Section("Failover drills on the cluster (#18 §5)", Report(nodeKilledAt, one, two, failover, failoverSeconds, lost, primaryName, formation, nodeLoss, nodeLost, standbyRun, standbyLost, standby, reads,
                (browsers.Count, reconnects, inputLost), (apiSeconds, apiLoss, apiLost)));
        }
        finally
        {
            foreach (var node in nodes.Where(n => !n.HasExited))
            {
                node.Kill(entireProcessTree: true);
            }

            if (!proxy.HasExited)
            {
                proxy.Kill();
            }
        }
    }

    private static string Report(long nodeKilledAt, LoadTest.Result one, LoadTest.Result two, LoadTest.Result failover, double failoverSeconds, int lost, string primary, double formation,
        LoadTest.Result nodeLoss, int nodeLost, LoadTest.Result standbyRun, int standbyLost, string standby, ReadProbe reads, (int Sessions, double[] Seconds, int Lost) browsers,
        (double Seconds, LoadTest.Result Run, int Lost) apiOnly)
    {
        var md = new StringBuilder();
        md.AppendLine("The formation of `./portal cluster` (pg_auto_failover 2.0: a monitor, a primary and a synchronous standby on loopback; the monitor checks each node every second and gives up on one whose checks fail and whose keeper has been silent for 5 s — `cluster_monitor_timings` in `portal`, pg_auto_failover's defaults being 5 s and 20 s); the bench's own database on it, two portal processes of its own on the multi-host connection string (`Target Session Attributes=primary`) and HAProxy in front of them (the cluster's configuration). The client is the load test's open-loop client in a second process; in the drills it retries every failed submission (backing off from 300 ms to 5 s, with jitter; 20 s timeout) with the same form version until it is answered, so a submission that committed but whose answer was lost meets 409 “已上报” on its retry and is counted as done; a 503 with Retry-After (the portal busy, or the database out of reach) is a failed attempt like a refused connection; a final 4xx (422: a form that fails a check or falls below the last accepted one without a reason) is not retried and not an error of the outage. Lost = answered 200 or found submitted on a retry, but not submitted in the database afterwards. Everything runs on the same 2 cores: the PostgreSQL nodes, the monitor, both portals, the proxy and the client.");
        md.AppendLine();
        md.AppendLine("| run | sent | failed attempts (retried) | their answers | answered 200 | found submitted on retry | refused (final 4xx) | unfinished | achieved rate (/s) | p50 ms | p95 ms | max ms |");
        md.AppendLine("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in new[] { one, two, failover, apiOnly.Run, nodeLoss, standbyRun })
        {
            var answers = r.Failures is { Count: > 0 } f ? string.Join(", ", f.OrderByDescending(x => x.Value).Select(x => $"{x.Key} ×{x.Value}")) : "–";
            md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Profile} | {r.Sent} | {r.Errors} | {answers} | {r.Acknowledged} | {r.DoneBefore} | {r.Refused} | {r.Unfinished} | {r.RatePerSecond:F1} | {r.P50:F1} | {r.P95:F1} | {r.Max:F0} |");
        }

        md.AppendLine();
        md.AppendLine("The one-node and two-node runs do not retry; their failed submissions are listed by answer (a 422: the form's values fail one of the template's checks, or fall below the unit's last accepted submission without a reason — the demo's own accepted forms share these townships).");

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- **Primary killed** ({primary}'s postmaster, SIGKILL, 20 s into 60 s at 100/s): writes failed for {failoverSeconds:F2} s after the kill (target < 15 s); {failover.Errors} attempts failed and were retried; {lost} lost (target 0). The formation had a primary and a streaming synchronous standby again {formation:F0} s after the drill ended.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- **Portal node killed, the API alone** (web2, SIGKILL, 10 s into 30 s at 100/s, no browsers on the machine): writes failed for {apiOnly.Seconds:F1} s after the kill; {apiOnly.Run.Errors} attempts failed and were retried; {apiOnly.Lost} lost (target 0). web2 was then started again for the next drill.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- **Portal node killed** (web2, SIGKILL, 10 s into 30 s at 100/s): {nodeLoss.Errors} attempts failed and were retried — the requests in flight on the node, those HAProxy sent it before its health check marked it down (`inter 1s fall 2`), and the survivor's 503s with Retry-After while it took the whole load and the 50 pages reloading at once (the same 2 cores also run Chromium's 50 pages) — writes failed for {SecondsAfter(nodeLoss, nodeKilledAt):F1} s after the kill; {nodeLost} lost. On the killed node were {browsers.Sessions} browser sessions (Chromium, each signed in as a township cadre through the proxy, pinned to web2 by HAProxy's cookie, a value typed into its form — kept in the server-side draft, not submitted): {browsers.Seconds.Length} came back on web1 with the typed value restored (the reconnect reaches web1, which does not know the circuit; the page reloads itself and the form restores its draft), p50 {(browsers.Seconds.Length == 0 ? double.NaN : Timing.Percentile(browsers.Seconds, 0.5)):F1} s, p95 {(browsers.Seconds.Length == 0 ? double.NaN : Timing.Percentile(browsers.Seconds, 0.95)):F1} s, slowest {(browsers.Seconds.Length == 0 ? double.NaN : browsers.Seconds[^1]):F1} s after the kill; typed input lost in {browsers.Lost}.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- **Standby stopped** ({standby}, `pg_autoctl stop`, 10 s into 30 s at 100/s): {standbyRun.Errors} failed attempts; the longest submission took {standbyRun.Max:F0} ms — with `synchronous_standby_names` set, a commit waits for the standby until the monitor declares it unhealthy and the primary goes on alone (`wait_primary`); {standbyLost} lost. Reads alongside (the township's dashboard, GET /api/v1/dashboard, 5/s; it reads on the standby through `Database:Reads` while its replay is at most 5 s behind, on a pool of its own, and on the primary otherwise): {reads.StandbyBefore} of {reads.Sent - reads.SentAfter} served by the standby before the stop, {reads.StandbyAfter} of {reads.SentAfter} after it; {reads.Errors} failed (target 0), p95 {reads.P95:F0} ms, max {reads.Max:F0} ms. `./portal bench --only failover` starts the standby again when it ends.");
        return md.ToString();
    }

    /// <summary>The primary's postmaster pid and node name, from the node directories' <c>postmaster.pid</c> (line 1 the pid, line 4 the port).</summary>
    private async Task<(int Pid, string Node)> PrimaryAsync(CancellationToken ct)
    {
        foreach (var (node, pid, port) in Nodes())
        {
            if (await InRecoveryAsync(port, ct) == false)
            {
                return (pid, node);
            }
        }

        throw new InvalidOperationException("no primary in the formation");
    }

    private async Task<string> StandbyAsync(CancellationToken ct)
    {
        foreach (var (node, _, port) in Nodes())
        {
            if (await InRecoveryAsync(port, ct) == true)
            {
                return node;
            }
        }

        throw new InvalidOperationException("no standby in the formation");
    }

    private IEnumerable<(string Node, int Pid, int Port)> Nodes()
    {
        foreach (var node in new[] { "node1", "node2" })
        {
            var file = Path.Combine(cluster.Dir, node, "postmaster.pid");
            if (File.Exists(file))
            {
                var lines = File.ReadAllLines(file);
                yield return (node, int.Parse(lines[0], CultureInfo.InvariantCulture), int.Parse(lines[3], CultureInfo.InvariantCulture));
            }
        }
    }

    private static async Task<bool?> InRecoveryAsync(int port, CancellationToken ct)
    {
        try
        {
            await using var conn = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false;Timeout=3");
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT pg_is_in_recovery()", conn);
            return (bool)(await cmd.ExecuteScalarAsync(ct))!;
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }

    /// <summary>Seconds from a kill to a run's last failed attempt (0 when none failed): how long the outage lasted for the client.</summary>
    private static double SecondsAfter(LoadTest.Result run, long killedAtMs) =>
        run.LastErrorMs == 0 ? 0 : Math.Max(0, Math.Round((run.LastErrorMs - killedAtMs) / 1000.0, 2));

    /// <summary>The circuits a portal node holds (its own count; loopback only).</summary>
    private static async Task<int> CircuitsAsync(int port, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var body = await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"http://127.0.0.1:{port}/diagnostics/circuits", ct);
        return body.GetProperty("open").GetInt32();
    }

    /// <summary>Seconds until the formation has a primary with a streaming synchronous standby again (at most three minutes).</summary>
    private async Task<double> HealthyAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            foreach (var (_, _, port) in Nodes())
            {
                if (await InRecoveryAsync(port, ct) != false)
                {
                    continue;
                }

                try
                {
                    await using var conn = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false;Timeout=3");
                    await conn.OpenAsync(ct);
                    await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming' AND sync_state IN ('sync', 'quorum')", conn);
                    if ((long)(await cmd.ExecuteScalarAsync(ct))! > 0)
                    {
                        return clock.Elapsed.TotalSeconds;
                    }
                }
                catch (NpgsqlException)
                {
                }
            }

            await Task.Delay(1000, ct);
        }

        throw new InvalidOperationException("the formation did not recover within three minutes");
    }

    private async Task StopNodeAsync(string node, CancellationToken ct)
    {
        var info = new ProcessStartInfo("runuser", ["-u", "postgres", "--", "env", $"PATH={cluster.PgBin}:{Environment.GetEnvironmentVariable("PATH")}", "pg_autoctl", "stop", "--pgdata", Path.Combine(cluster.Dir, node)])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var stop = Process.Start(info)!;
        await stop.WaitForExitAsync(ct);
    }

    /// <summary>Submissions the client saw acknowledged that are not submitted in the database (read on the primary).</summary>
    private async Task<int> LostAsync(string ackedFile, CancellationToken ct)
    {
        var ids = (await File.ReadAllLinesAsync(ackedFile, ct)).Where(l => l.Length > 0).Select(Guid.Parse).ToArray();
        await using var conn = new NpgsqlConnection(ctx.SuperDb);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT count(*) FROM dispatch_forms f
            WHERE f.id = ANY(@ids) AND f.status <> 'Draft' AND EXISTS (SELECT 1 FROM form_submissions s WHERE s.form_id = f.id)
            """, conn);
        cmd.Parameters.AddWithValue("ids", ids);
        return ids.Length - (int)(long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// A reader alongside the writes: the township's dashboard through the proxy, five times a second — the page that
    /// reads on the standby when it is near enough (<c>Database:Reads</c>), and says so (<c>fromStandby</c>).
    /// </summary>
    private sealed class ReadProbe(string url, string planLine)
    {
        private readonly List<double> samples = [];

        public int Sent { get; private set; }

        public int Errors { get; private set; }

        /// <summary>Answers read on the standby, before and after <see cref="Mark"/> (the standby stopped).</summary>
        public int StandbyBefore { get; private set; }

        public int StandbyAfter { get; private set; }

        public int SentAfter { get; private set; }

        private bool marked;

        public double P95 => Timing.Percentile([.. samples.Order()], 0.95);

        public double Max => samples.Count == 0 ? 0 : samples.Max();

        public void Mark() => marked = true;

        public async Task RunAsync(TimeSpan duration)
        {
            using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", planLine.Split('\t')[0]);
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration)
            {
                Sent++;
                var after = marked;
                SentAfter += after ? 1 : 0;
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync("/api/v1/dashboard");
                    if (!response.IsSuccessStatusCode)
                    {
                        Errors++;
                    }
                    else if (System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("fromStandby").GetBoolean())
                    {
                        _ = after ? StandbyAfter++ : StandbyBefore++;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    Errors++;
                }

                samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                await Task.Delay(200);
            }
        }
    }

    /// <summary>
    /// Browser sessions pinned to one portal node (HAProxy's <c>HPNODE</c> cookie), each signed in as a township cadre
    /// with a value typed into its own draft form (the page keeps it in the server-side draft at once).
    /// </summary>
    private sealed class BrowserSessions_ : IAsyncDisposable
    {
        private readonly List<(Microsoft.Playwright.IPage Page, string Typed)> sessions = [];
        private Microsoft.Playwright.IPlaywright? playwright;
        private Microsoft.Playwright.IBrowser? browser;
        private long killedAt;

        public TextWriter? Log { get; private set; }

        public int Count => sessions.Count;

        public static async Task<BrowserSessions_> OpenAsync(string url, string node, List<(string User, Guid Id, uint Version)> forms, TextWriter log, CancellationToken ct)
        {
            var me = new BrowserSessions_ { Log = log };
            me.playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            me.browser = await me.playwright.Chromium.LaunchAsync(new Microsoft.Playwright.BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
            for (var i = 0; i < forms.Count; i++)
            {
                var context = await me.browser.NewContextAsync(new Microsoft.Playwright.BrowserNewContextOptions { BaseURL = url, Locale = "zh-CN" });
                await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "HPNODE", Value = node, Domain = "127.0.0.1", Path = "/" }]);
                var page = await context.NewPageAsync();
                await page.GotoAsync("/account/login");
                await page.FillAsync("#userName", forms[i].User);
                await page.FillAsync("#password", LoadTest.Password);
                await page.ClickAsync("button[type=submit]");
                await page.WaitForURLAsync(u => !u.Contains("/account/login", StringComparison.Ordinal));
                await page.GotoAsync($"/dispatch/forms/{forms[i].Id}");
                await page.WaitForSelectorAsync("body[data-interactive=true]");
                var input = page.Locator("input[data-testid=value]").First;
                var typed = (101 + i).ToString(CultureInfo.InvariantCulture);
                await input.FillAsync(typed);
                await input.PressAsync("Tab");
                await page.WaitForFunctionAsync("() => (document.querySelector('[data-testid=draft-state]')?.textContent ?? '').includes('已暂存')");
                var on = (await context.CookiesAsync()).FirstOrDefault(c => c.Name == "HPNODE")?.Value;
                if (on != node)
                {
                    throw new InvalidOperationException($"session {i} is on {on}, not {node}");
                }

                me.sessions.Add((page, typed));
            }

            log.WriteLine($"  node loss: {me.sessions.Count} browser sessions on {node}, each with a typed value in its draft");
            return me;
        }

        /// <summary>Seconds from now (the kill) until each page shows its typed value again, restored; null if it did not within the limit.</summary>
        public async Task<double?[]> AwaitRestoredAsync(TimeSpan limit, CancellationToken ct)
        {
            killedAt = Stopwatch.GetTimestamp();
            return await Task.WhenAll(sessions.Select(async s =>
            {
                while (Stopwatch.GetElapsedTime(killedAt) < limit)
                {
                    try
                    {
                        if (await s.Page.Locator("[data-testid=draft-restored]").CountAsync() > 0
                            && await s.Page.Locator("body[data-interactive=true]").CountAsync() > 0
                            && await s.Page.Locator("input[data-testid=value]").First.InputValueAsync(new() { Timeout = 1000 }) == s.Typed)
                        {
                            return (double?)Stopwatch.GetElapsedTime(killedAt).TotalSeconds;
                        }
                    }
                    catch (Exception ex) when (ex is Microsoft.Playwright.PlaywrightException or TimeoutException)
                    {
                        // the page is reloading
                    }

                    await Task.Delay(250, ct);
                }

                // Not back: say where the page is and what it shows (the report's reader and the next session need it).
                string shows;
                try
                {
                    shows = (await s.Page.InnerTextAsync("body", new() { Timeout = 2000 })).ReplaceLineEndings(" ");
                }
                catch (Exception ex) when (ex is Microsoft.Playwright.PlaywrightException or TimeoutException)
                {
                    shows = ex.Message;
                }

                Log?.WriteLine($"  node loss: not restored — {s.Page.Url}: {shows[..Math.Min(shows.Length, 200)]}");
                return null;
            }));
        }

        public async ValueTask DisposeAsync()
        {
            if (browser is not null)
            {
                await browser.CloseAsync();
            }

            playwright?.Dispose();
        }
    }
}
