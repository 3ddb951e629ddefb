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
/// Memory per idle dashboard circuit (issue #6): a portal process with the loopback-only memory endpoint,
/// 50 Chromium sessions (Debian's, through Playwright) each signed in as the largest county's 安委办 and
/// left on /dashboard; the managed heap after a full compacting collection, before and after, divided by 50.
/// </summary>
public sealed class CircuitMemory(BenchContext ctx, string appConnection, string webDll)
{
    private const int Port = 5093;
    private const int Sessions = 50;
    private const string UserName = "bench.dashboard";

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
        await EnsureAccountAsync(setup, ct);
        using var server = LoadTest.StartPortal(webDll, appConnection, Port, ("Diagnostics__MemoryEndpoint", "true"));
        try
        {
            await LoadTest.WaitHealthyAsync(Port, ct);
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
                await page.FillAsync("#userName", UserName);
                await page.FillAsync("#password", LoadTest.Password);
                await page.ClickAsync("button[type=submit]");
                await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
                await page.GotoAsync("/dashboard");
                await page.WaitForSelectorAsync("body[data-interactive=true]");
                await page.WaitForSelectorAsync("[data-testid=dashboard-title]");
                return context;
            }

            using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
            async Task<long> HeapAsync() => (await http.GetFromJsonAsync<JsonElement>("/diagnostics/memory", ct)).GetProperty("bytes").GetInt64();

            // Warm: a few sessions compile the pages and fill the caches; they stay open through the measurement.
            var warm = new List<IBrowserContext>();
            for (var i = 0; i < 3; i++)
            {
                warm.Add(await OpenAsync());
            }

            await Task.Delay(TimeSpan.FromSeconds(3), ct);
            var before = await HeapAsync();
            await HoldAsync("before", server.Id, ct);
            var sessions = new List<IBrowserContext>();
            for (var i = 0; i < Sessions; i++)
            {
                sessions.Add(await OpenAsync());
            }

            await Task.Delay(TimeSpan.FromSeconds(5), ct);
            var after = await HeapAsync();
            await HoldAsync("after", server.Id, ct);
            var openKb = (after - before) / (double)Sessions / 1024;

            // Idle: once Kestrel's keep-alive timeout (130 s) has closed the HTTP connections each browser opened to load
            // the page, what stays per user is the circuit and its WebSocket.
            await Task.Delay(TimeSpan.FromSeconds(140), ct);
            var idle = await HeapAsync();
            await HoldAsync("idle with", server.Id, ct);

            // The idle circuits are alive: the first and the last session still answer a change of date through their circuit.
            foreach (var page in new[] { sessions[0].Pages[0], sessions[^1].Pages[0] })
            {
                await page.FillAsync("[data-testid=dashboard-asof]", "2023-06-30");
                await page.Locator("[data-testid=dashboard-asof]").DispatchEventAsync("change");
                var answered = false;
                for (var i = 0; i < 100 && !answered; i++)
                {
                    answered = await page.Locator("[data-testid=dash-month-found]").CountAsync() == 2; // May and June only
                    await Task.Delay(100, ct);
                }

                if (!answered)
                {
                    throw new InvalidOperationException("an idle dashboard circuit did not answer");
                }
            }

            var perCircuitKb = (idle - before) / (double)Sessions / 1024;
            ctx.Figure("dashboard_circuit_kb", perCircuitKb, $"managed heap growth per idle dashboard circuit over {Sessions} signed-in sessions, after full GCs, the page loaded 2.5 min earlier (target ≤ 300 KB)");
            ctx.Figure("dashboard_circuit_open_kb", openKb, "the same, 5 s after the last page load (the browsers' page-load HTTP connections still open)");
            var md = new StringBuilder();
            md.AppendLine(CultureInfo.InvariantCulture, $"A portal process on loopback; {Sessions} Chromium sessions signed in as the largest county's 安委办, each left on `/dashboard` (interactive server circuit). Managed heap after a forced, compacting full collection: {before / 1024.0 / 1024:F1} MB before; {after / 1024.0 / 1024:F1} MB 5 s after the last session opened ({openKb:F0} KB per session, the browsers' page-load HTTP keep-alive connections still open); {idle / 1024.0 / 1024:F1} MB once they have closed (Kestrel's 130 s keep-alive) — **{perCircuitKb:F0} KB per idle circuit**. Three warm-up sessions stay open through the measurement.");
            ctx.Section("Memory per idle dashboard circuit (#6)", md.ToString());
            ctx.Log.WriteLine($"  circuits: {perCircuitKb:F0} KB per idle dashboard circuit ({openKb:F0} KB 5 s after loading)");
            foreach (var c in sessions.Concat(warm))
            {
                await c.CloseAsync();
            }
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>A 安委办 account at the largest county (the same salted hash as the load test's accounts).</summary>
    private async Task EnsureAccountAsync(DispatchBenchmark.Setup setup, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(ctx.SuperDb);
        await conn.OpenAsync(ct);
        var hash = new PasswordHasher<AppUser>().HashPassword(new AppUser { DisplayName = "bench" }, LoadTest.Password);
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO users (id, user_name, normalized_user_name, display_name, unit_id, password_hash, security_stamp, concurrency_stamp, email_confirmed,
                               phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, disabled, created_at)
            SELECT gen_random_uuid(), @u, upper(@u), '基准县安委办', @unit, @hash, gen_random_uuid()::text, gen_random_uuid()::text, false, false, false, true, 0, false, now()
            WHERE NOT EXISTS (SELECT 1 FROM users WHERE user_name = @u);
            UPDATE users SET password_hash = @hash, access_failed_count = 0, lockout_end = NULL WHERE user_name = @u;
            INSERT INTO user_roles (user_id, role_id)
            SELECT x.id, r.id FROM users x, roles r WHERE x.user_name = @u AND r.name = 'SafetyOffice'
            ON CONFLICT DO NOTHING;
            """, conn);
        cmd.Parameters.AddWithValue("u", UserName);
        cmd.Parameters.AddWithValue("unit", setup.CountyUnit);
        cmd.Parameters.AddWithValue("hash", hash);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
