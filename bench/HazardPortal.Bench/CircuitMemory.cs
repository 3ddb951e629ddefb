using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HazardPortal.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;
using Npgsql;

namespace HazardPortal.Bench;

/// <summary>
/// Memory per idle circuit (issues #6 and #14): a portal process with the loopback-only memory endpoint,
/// 50 Chromium sessions (Debian's, through Playwright) each signed in and left on one page — the largest
/// county's dashboard, its ledger list, and the township form of that county — the managed heap after a
/// full compacting collection, before and after, divided by 50. Beside it, the page's server render
/// (the prerendered GET with the session's cookie) p95 over 20 requests.
/// </summary>
public sealed class CircuitMemory(BenchContext ctx, string appConnection, string webDll)
{
    private const int Port = 5093;
    private const int Sessions = 50;
    private const string UserName = "bench.dashboard";
    private const string TownshipUser = "bench.township";

    private sealed record Target(string Key, string Title, string User, string Path, string Ready, double TargetKb);

    /// <summary>HP_BENCH_HOLD_SECONDS=N pauses at each measurement so a heap dump can be taken (<c>dotnet-gcdump collect -p PID</c>).</summary>
    private async Task HoldAsync(string point, int pid, CancellationToken ct)
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("HP_BENCH_HOLD_SECONDS"), out var seconds) && seconds > 0)
        {
            ctx.Log.WriteLine($"  holding {seconds} s {point} the sessions (portal pid {pid})");
            await Task.Delay(TimeSpan.FromSeconds(seconds), ct);
        }
    }

    public async Task RunAsync(DispatchBenchmark.Setup setup, CancellationToken ct)
    {
        await EnsureAccountAsync(UserName, "基准县安委办", setup.CountyUnit, "SafetyOffice", ct);
        await EnsureAccountAsync(TownshipUser, "基准镇干部", setup.TownshipUnit, "TownshipCadre", ct);
        using var server = LoadTest.StartPortal(webDll, appConnection, Port, ("Diagnostics__MemoryEndpoint", "true"));
        try
        {
            await LoadTest.WaitHealthyAsync(Port, ct);
            var formId = await TownshipFormAsync(setup, ct);
            var targets = new[]
            {
                new Target("dashboard", "county dashboard", UserName, "/dashboard", "[data-testid=dashboard-title]", 300),
                new Target("ledger", "ledger list (county)", UserName, "/hazards", "[data-testid=hazard-total]", 400),
                new Target("township_form", "township form", TownshipUser, $"/dispatch/forms/{formId}", "[data-testid=form-items]", 400),
            };
            var md = new StringBuilder();
            md.AppendLine(CultureInfo.InvariantCulture, $"A portal process on loopback; for each page, {Sessions} Chromium sessions signed in and left on it (interactive server circuit). Managed heap after a forced, compacting full collection, before the sessions, 5 s after the last one loaded, and once Kestrel's 130 s keep-alive has closed the browsers' page-load HTTP connections (the idle figure, what scales with people leaving the page open). Three warm-up sessions per page stay open through its measurement; the idle circuits are checked alive afterwards. Server render: the prerendered GET of the page with a session's cookie, 20 requests after 5 warm-up ones.");
            md.AppendLine();
            md.AppendLine("| page | idle KB per circuit | target | KB 5 s after loading | server render p95 ms (p50) |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: |");
            // HP_BENCH_PAGES=ledger,township_form measures only those pages (a partial run).
            var only = Environment.GetEnvironmentVariable("HP_BENCH_PAGES")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var target in targets.Where(t => only is not { Length: > 0 } || only.Contains(t.Key)))
            {
                await MeasureAsync(target, server.Id, md, ct);
            }

            ctx.Section("Memory per idle circuit and server render (#6, #14)", md.ToString());
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>The township's form of the benchmark period, opened through the API as the township's cadre.</summary>
    private static async Task<Guid> TownshipFormAsync(DispatchBenchmark.Setup setup, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromMinutes(2) };
        var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = TownshipUser, password = LoadTest.Password }, ct);
        token.EnsureSuccessStatusCode();
        var access = (await token.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", access);
        var form = await http.GetFromJsonAsync<JsonElement>($"/api/v1/dispatch/forms?unit={setup.TownshipCode}&template={DispatchBenchmark.Template}&period={DispatchBenchmark.Period}", ct);
        return form.GetProperty("id").GetGuid();
    }

    private async Task MeasureAsync(Target target, int pid, StringBuilder md, CancellationToken ct)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var baseUrl = $"http://127.0.0.1:{Port}";
        async Task<IBrowserContext> OpenAsync()
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, Locale = "zh-CN" });
            var page = await context.NewPageAsync();
            await page.GotoAsync("/account/login");
            await page.FillAsync("#userName", target.User);
            await page.FillAsync("#password", LoadTest.Password);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
            await page.GotoAsync(target.Path);
            await page.WaitForSelectorAsync("body[data-interactive=true]");
            await page.WaitForSelectorAsync(target.Ready);
            return context;
        }

        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
        async Task<long> HeapAsync() => (await http.GetFromJsonAsync<JsonElement>("/diagnostics/memory", ct)).GetProperty("bytes").GetInt64();

        // Warm: a few sessions compile the page and fill the caches; they stay open through the measurement.
        var warm = new List<IBrowserContext>();
        for (var i = 0; i < 3; i++)
        {
            warm.Add(await OpenAsync());
        }

        // The server render of the page (what the prerendered GET costs), with a warm session's cookie.
        var render = new List<double>();
        for (var i = 0; i < 25; i++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var response = await warm[0].APIRequest.GetAsync(target.Path);
            var ms = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.Status != 200)
            {
                throw new InvalidOperationException($"{target.Path} answered {response.Status}");
            }

            if (i >= 5)
            {
                render.Add(ms);
            }
        }

        render.Sort();
        var p95 = render[(int)Math.Ceiling(render.Count * 0.95) - 1];
        var p50 = render[render.Count / 2];

        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        var before = await HeapAsync();
        await HoldAsync($"before {target.Key}", pid, ct);
        var sessions = new List<IBrowserContext>();
        for (var i = 0; i < Sessions; i++)
        {
            sessions.Add(await OpenAsync());
        }

        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        var after = await HeapAsync();
        var openKb = (after - before) / (double)Sessions / 1024;

        // Idle: once Kestrel's keep-alive timeout (130 s) has closed the HTTP connections each browser opened to load
        // the page, what stays per user is the circuit and its WebSocket.
        await Task.Delay(TimeSpan.FromSeconds(140), ct);
        var idle = await HeapAsync();
        await HoldAsync($"idle with {target.Key}", pid, ct);

        // The idle circuits are alive: the first and the last session still answer through their circuit.
        foreach (var page in new[] { sessions[0].Pages[0], sessions[^1].Pages[0] })
        {
            await page.EvaluateAsync("() => { window.hpAlive = 'before'; }");
            await page.GetByTestId("sidebar-toggle").ClickAsync();
            var answered = false;
            for (var i = 0; i < 100 && !answered; i++)
            {
                answered = await page.GetByTestId("sidebar").GetAttributeAsync("data-open") == "false";
                await Task.Delay(100, ct);
            }

            if (!answered)
            {
                throw new InvalidOperationException($"an idle {target.Key} circuit did not answer");
            }
        }

        var perCircuitKb = (idle - before) / (double)Sessions / 1024;
        ctx.Figure($"{target.Key}_circuit_kb", perCircuitKb, $"managed heap growth per idle {target.Title} circuit over {Sessions} signed-in sessions, after full GCs, the page loaded 2.5 min earlier (target ≤ {target.TargetKb:F0} KB)");
        ctx.Figure($"{target.Key}_circuit_open_kb", openKb, "the same, 5 s after the last page load (the browsers' page-load HTTP connections still open)");
        ctx.Figure($"{target.Key}_render_p95_ms", p95, $"server render of {target.Path.Split('/')[1]} (prerendered GET with a session's cookie), p95 of 20 (target < 150 ms)");
        md.AppendLine(CultureInfo.InvariantCulture, $"| {target.Title} (`{(target.Key == "township_form" ? "/dispatch/forms/{id}" : target.Path)}`) | **{perCircuitKb:F0}** | ≤ {target.TargetKb:F0} | {openKb:F0} | {p95:F1} ({p50:F1}) |");
        ctx.Log.WriteLine($"  {target.Key}: {perCircuitKb:F0} KB per idle circuit ({openKb:F0} KB 5 s after loading); render p95 {p95:F1} ms");
        foreach (var c in sessions.Concat(warm))
        {
            await c.CloseAsync();
        }

        // Let the server drop the closed circuits before the next page's "before".
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
    }

    /// <summary>An account of the benchmark's (the same salted hash as the load test's accounts).</summary>
    private async Task EnsureAccountAsync(string userName, string displayName, Guid unit, string role, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(ctx.SuperDb);
        await conn.OpenAsync(ct);
        var hash = new PasswordHasher<AppUser>().HashPassword(new AppUser { DisplayName = "bench" }, LoadTest.Password);
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO users (id, user_name, normalized_user_name, display_name, unit_id, password_hash, security_stamp, concurrency_stamp, email_confirmed,
                               phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, disabled, created_at)
            SELECT gen_random_uuid(), @u, upper(@u), @d, @unit, @hash, gen_random_uuid()::text, gen_random_uuid()::text, false, false, false, true, 0, false, now()
            WHERE NOT EXISTS (SELECT 1 FROM users WHERE user_name = @u);
            UPDATE users SET password_hash = @hash, access_failed_count = 0, lockout_end = NULL WHERE user_name = @u;
            INSERT INTO user_roles (user_id, role_id)
            SELECT x.id, r.id FROM users x, roles r WHERE x.user_name = @u AND r.name = @r
            ON CONFLICT DO NOTHING;
            """, conn);
        cmd.Parameters.AddWithValue("u", userName);
        cmd.Parameters.AddWithValue("d", displayName);
        cmd.Parameters.AddWithValue("r", role);
        cmd.Parameters.AddWithValue("unit", unit);
        cmd.Parameters.AddWithValue("hash", hash);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
