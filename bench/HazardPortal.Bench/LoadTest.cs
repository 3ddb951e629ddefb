using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HazardPortal.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace HazardPortal.Bench;

/// <summary>
/// The load test of #5: form submissions through the real endpoint (POST /api/v1/dispatch/forms/{id}/submit)
/// of a portal process started on loopback against the bench database, driven open-loop (requests
/// fire on schedule whatever the latency) from a second process. Profiles: a steady 200/s for 60 s,
/// and the cutoff night (5 minutes at 11/s with a 30-second burst at 110/s). Each submission is a
/// township cadre's own draft form (the largest counties' townships × periods × cutoff days).
/// </summary>
public sealed class LoadTest(BenchContext ctx, string appConnection, string webDll)
{
    public const string Password = "Bench#2024load";
    private const int Port = 5091;

    public sealed record Phase(string Name, double Rate, double Seconds);

    /// <summary>
    /// A profile's outcome; <c>Errors</c> excludes the 503s admission control answers (counted in <c>Shed</c>), and the
    /// percentiles are of the admitted requests. With retries (the failover drills) <c>Errors</c> counts failed attempts,
    /// each retried; <c>Acknowledged</c> the submissions answered 200, <c>DoneBefore</c> those a retry found already
    /// submitted (an earlier attempt committed but its answer was lost), <c>Unfinished</c> those still failing at the end,
    /// <c>Refused</c> those answered with a final 4xx (a form whose values fail a check: 422) — not retried, not errors of
    /// the outage; <c>FirstErrorMs</c>/<c>LastErrorMs</c> are Unix milliseconds of the first and last failed attempt.
    /// </summary>
    public sealed record Result(string Profile, int Sent, int Errors, double P50, double P95, double Max, double RatePerSecond, int Shed = 0,
        int Acknowledged = 0, int DoneBefore = 0, int Unfinished = 0, long FirstErrorMs = 0, long LastErrorMs = 0, Dictionary<string, int>? Failures = null, int Refused = 0);

    public static readonly Phase[] Steady = [new("steady", 200, 60)];

    public static readonly Phase[] CutoffNight = [new("night", 11, 135), new("burst", 110, 30), new("night", 11, 135)];

    /// <summary>
    /// Ten times the steady profile's rate for ten seconds (#19 item 14): more than the portal can work on, so admission
    /// control must shed the excess with 503 while the admitted requests keep their latency and nothing else fails.
    /// </summary>
    public static readonly Phase[] Overload = [new("overload", 2000, 10)];

    /// <summary>
    /// Before the measured profiles: a minute at a low rate, as a server that has been up all day would be
    /// (JIT-compiled paths, a full connection pool, prepared statements); not counted.
    /// </summary>
    public static readonly Phase[] Warmup = [new("warmup", 20, 30), new("warmup", 60, 15)];

    public async Task RunAsync(CancellationToken ct)
    {
        var warmup = (int)Warmup.Sum(p => p.Rate * p.Seconds);
        var needed = (int)(Steady.Sum(p => p.Rate * p.Seconds) + CutoffNight.Sum(p => p.Rate * p.Seconds) + Overload.Sum(p => p.Rate * p.Seconds)) + warmup + 300;
        var (users, forms) = await PrepareAsync(ctx, needed, ct);
        using var server = StartServer();
        try
        {
            await WaitHealthyAsync(ct);
            var url = $"http://127.0.0.1:{Port}";
            var plan = await PlanAsync(url, users, forms, ct);
            await ClientAsync(ctx, url, plan, 0, Warmup, "warmup", ct: ct);
            var steady = await ClientAsync(ctx, url, plan, warmup + 50, Steady, "steady", ct: ct);
            var night = await ClientAsync(ctx, url, plan, warmup + (int)Steady.Sum(p => p.Rate * p.Seconds) + 100, CutoffNight, "cutoff-night", ct: ct);
            var overload = await ClientAsync(ctx, url, plan, warmup + (int)(Steady.Sum(p => p.Rate * p.Seconds) + CutoffNight.Sum(p => p.Rate * p.Seconds)) + 200, Overload, "overload", ct: ct);
            ctx.Figure("overload_admitted_p95_ms", overload.P95, "p95 of the admitted submissions during 10 s at 2,000/s (10× the steady profile)");
            ctx.Figure("overload_shed_share", overload.Sent == 0 ? 0 : Math.Round(100.0 * overload.Shed / overload.Sent, 1), "share (%) answered 503 with Retry-After by admission control during the overload");
            ctx.Figure("overload_other_errors", overload.Errors, "answers during the overload that were neither a success nor a 503 (target 0)");
            ctx.Figure("submit_rate_per_s", steady.RatePerSecond, "form submissions per second achieved in the steady profile (target 200/s for 60 s)");
            ctx.Figure("submit_p95_ms", steady.P95, "submission p95 in the steady profile, measured by the client process");
            ctx.Figure("submit_errors", steady.Errors + night.Errors, "failed submissions in both profiles");
            ctx.Figure("cutoff_night_p95_ms", night.P95, "submission p95 in the cutoff-night profile (11/s with a 30 s burst at 110/s)");
            var md = new StringBuilder();
            md.AppendLine("Open-loop client in a second process on loopback; each request submits a distinct township draft form through `POST /api/v1/dispatch/forms/{id}/submit` with a bearer token (checks, snapshot, status). Before the profiles the same client sends a warm-up (20/s for 30 s, then 60/s for 15 s; not counted), as a portal that has been up all day has its code compiled, its pool filled and its statements prepared.");
            md.AppendLine();
            md.AppendLine("| profile | sent | errors | achieved rate (/s) | p50 ms | p95 ms | max ms |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var r in new[] { steady, night, overload })
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Profile} | {r.Sent} | {r.Errors} | {r.RatePerSecond:F1} | {r.P50:F1} | {r.P95:F1} | {r.Max:F0} |");
            }

            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Overload (10 s at 2,000/s, ten times the steady rate, against the default admission bound of 64 in work and 64 waiting): {overload.Shed} of {overload.Sent} ({(overload.Sent == 0 ? 0 : 100.0 * overload.Shed / overload.Sent):F1}%) answered 503 with Retry-After at once; the admitted ones' p95 {overload.P95:F1} ms; other errors {overload.Errors}. The percentiles in the table are of admitted requests.");

            ctx.Section("Form submissions under load (#5)", md.ToString());
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Signs every cadre in through <paramref name="url"/> and writes the plan (token, form, version per line) the client reads.</summary>
    public static async Task<string> PlanAsync(string url, List<string> users, List<(string User, Guid Id, uint Version)> forms, CancellationToken ct)
    {
        var tokens = new Dictionary<string, string>();
        using (var http = new HttpClient { BaseAddress = new Uri(url) })
        {
            foreach (var user in users)
            {
                var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = Password }, ct);
                response.EnsureSuccessStatusCode();
                tokens[user] = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accessToken").GetString()!;
            }
        }

        var plan = Path.Combine(Path.GetTempPath(), "hp-load-plan.txt");
        await File.WriteAllLinesAsync(plan, forms.Select(f => $"{tokens[f.User]}\t{f.Id}\t{f.Version}"), ct);
        return plan;
    }

    /// <summary>Cadre accounts for the townships of the largest counties, and enough draft forms (period × cutoff day) for them.</summary>
    public static async Task<(List<string> Users, List<(string User, Guid Id, uint Version)> Forms)> PrepareAsync(BenchContext ctx, int needed, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(ctx.SuperDb);
        await conn.OpenAsync(ct);
        var hash = new PasswordHasher<AppUser>().HashPassword(new AppUser { DisplayName = "bench" }, Password);
        await NationalDataset.ExecAsync(conn, "DELETE FROM form_submissions WHERE form_id IN (SELECT id FROM dispatch_forms WHERE unit_name LIKE 'bench-load %'); DELETE FROM dispatch_forms WHERE unit_name LIKE 'bench-load %'", ct);
        await using (var cmd = new NpgsqlCommand("""
            WITH counties AS (
                SELECT subpath(path, 0, 4) AS c FROM hazards WHERE nlevel(path) >= 5 AND subpath(path, 3, 1) <> subpath(path, 2, 1) GROUP BY 1 ORDER BY count(*) DESC LIMIT 4)
            INSERT INTO units (id, name, kind, jurisdiction_code, path, sector_codes, disabled, created_at)
            SELECT gen_random_uuid(), 'bench-load ' || j.code, 'Government', j.code, j.path, '{}', false, now()
            FROM jurisdictions j JOIN counties ON j.path <@ counties.c
            WHERE j.level = 'Township' AND NOT EXISTS (SELECT 1 FROM units u WHERE u.jurisdiction_code = j.code AND u.name = 'bench-load ' || j.code)
            """, conn))
        {
            await cmd.ExecuteNonQueryAsync(ct);
        }

        // One cadre per township (the same salted hash serves every bench account).
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO users (id, user_name, normalized_user_name, display_name, unit_id, password_hash, security_stamp, concurrency_stamp, email_confirmed,
                               phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, disabled, created_at)
            SELECT gen_random_uuid(), 'load.' || u.jurisdiction_code, upper('load.' || u.jurisdiction_code), '基准干部', u.id, @hash, gen_random_uuid()::text, gen_random_uuid()::text,
                   false, false, false, true, 0, false, now()
            FROM units u WHERE u.name LIKE 'bench-load %' AND NOT EXISTS (SELECT 1 FROM users x WHERE x.user_name = 'load.' || u.jurisdiction_code);
            INSERT INTO user_roles (user_id, role_id)
            SELECT x.id, r.id FROM users x, roles r WHERE x.user_name LIKE 'load.%' AND r.name = 'TownshipCadre'
            ON CONFLICT DO NOTHING;
            """, conn))
        {
            cmd.Parameters.AddWithValue("hash", hash);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        // The county issuances (every cutoff day) that make these townships owe the form.
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO dispatch_issues (id, template_code, issuer_unit_id, issuer_jurisdiction_code, path, recipients, cutoff_days)
            SELECT gen_random_uuid(), @t, (SELECT id FROM units WHERE kind = 'SafetyOffice' ORDER BY created_at LIMIT 1), c.code, c.path, 'ChildJurisdictions',
                   '{1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28}'
            FROM jurisdictions c WHERE c.code IN (SELECT DISTINCT left(u.jurisdiction_code, 6) || '000000' FROM units u WHERE u.name LIKE 'bench-load %')
            ON CONFLICT (template_code, issuer_jurisdiction_code) DO UPDATE SET cutoff_days = EXCLUDED.cutoff_days
            """, conn))
        {
            cmd.Parameters.AddWithValue("t", DispatchBenchmark.Template);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        // Draft forms: townships × periods (2023-05 …) × cutoff days, as many as the profiles send.
        var forms = new List<(string, Guid, uint)>();
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO dispatch_forms (id, template_code, unit_key, unit_name, jurisdiction_code, path, period, cutoff_day, window_start, as_of, due_on, status, entries,
                                        revision, late, created_at)
            SELECT gen_random_uuid(), @t, u.jurisdiction_code, 'bench-load ' || u.jurisdiction_code, u.jurisdiction_code, u.path, to_char(p.m, 'YYYY-MM'), d.day,
                   date '2023-05-01', (p.m + (d.day - 1) * interval '1 day')::date, (p.m + (d.day - 1) * interval '1 day')::date, 'Draft', '[]', 0, false, now()
            FROM units u, generate_series(date '2023-05-01', date '2026-10-01', interval '1 month') p(m), generate_series(1, 28) d(day)
            WHERE u.name LIKE 'bench-load %'
            ON CONFLICT DO NOTHING
            RETURNING id, unit_key, xmin::text::bigint
            """, conn))
        {
            cmd.Parameters.AddWithValue("t", DispatchBenchmark.Template);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                forms.Add(("load." + reader.GetString(1), reader.GetGuid(0), (uint)reader.GetInt64(2)));
            }
        }

        // Thousands of forms were just deleted and inserted: fresh statistics, as autovacuum would keep them
        // on a server in steady use (stale ones make the planner scan the forms table per request).
        await NationalDataset.ExecAsync(conn, "VACUUM (ANALYZE) dispatch_forms", ct);
        await NationalDataset.ExecAsync(conn, "VACUUM (ANALYZE) form_submissions", ct);
        await NationalDataset.ExecAsync(conn, "VACUUM (ANALYZE) users", ct);

        var rng = new Random(7);
        var shuffled = forms.OrderBy(_ => rng.Next()).Take(needed).ToList();
        if (shuffled.Count < needed)
        {
            throw new InvalidOperationException($"only {shuffled.Count} forms for {needed} submissions");
        }

        ctx.Log.WriteLine($"  load: {shuffled.Select(f => f.Item1).Distinct().Count()} township accounts, {shuffled.Count:N0} draft forms");
        return (shuffled.Select(f => f.Item1).Distinct().ToList(), shuffled);
    }

    private Process StartServer() => StartPortal(webDll, appConnection, Port);

    /// <summary>A portal process on loopback against the bench database (Production, no setup, warnings only), with extra settings.</summary>
    public static Process StartPortal(string webDll, string appConnection, int port, params (string Key, string Value)[] settings)
    {
        var info = new ProcessStartInfo("dotnet", webDll)
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Database__App"] = appConnection;
        info.Environment["Database__Setup"] = "false";
        info.Environment["Escalation__IntervalMinutes"] = "0";
        info.Environment["Logging__File"] = Path.Combine(Path.GetTempPath(), "hp-load-server-.json");
        info.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static Task WaitHealthyAsync(CancellationToken ct) => WaitHealthyAsync(Port, ct);

    public static async Task WaitHealthyAsync(int port, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 120; i++)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/health", ct)).IsSuccessStatusCode)
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

            await Task.Delay(500, ct);
        }

        throw new InvalidOperationException("the portal did not become healthy");
    }

    /// <summary>
    /// Runs the client as a second process against <paramref name="url"/> and reads its one-line JSON result. With
    /// <paramref name="retry"/> every failed submission is retried until it is answered (the failover drills), and the
    /// acknowledged form ids are written to <c>{plan}.{profile}.acked</c>.
    /// </summary>
    public static async Task<Result> ClientAsync(BenchContext ctx, string url, string plan, int skip, Phase[] phases, string profile, bool retry = false, CancellationToken ct = default)
    {
        var self = typeof(LoadTest).Assembly.Location;
        var spec = string.Join(";", phases.Select(p => FormattableString.Invariant($"{p.Rate}:{p.Seconds}")));
        var info = new ProcessStartInfo("dotnet", $"\"{self}\" --load-client {url} \"{plan}\" {skip} {spec} {profile}{(retry ? " retry" : string.Empty)}")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var client = Process.Start(info)!;
        var output = await client.StandardOutput.ReadToEndAsync(ct);
        await client.WaitForExitAsync(ct);
        var result = JsonSerializer.Deserialize<Result>(output.Trim().Split('\n')[^1], JsonSerializerOptions.Web)!;
        ctx.Log.WriteLine($"  load {profile}: sent {result.Sent}, errors {result.Errors}, shed {result.Shed}, {result.RatePerSecond:F1}/s, p95 {result.P95:F1} ms" +
                          (retry ? $", acknowledged {result.Acknowledged}, found submitted on retry {result.DoneBefore}, unfinished {result.Unfinished}" : string.Empty) +
                          (result.Failures is { Count: > 0 } f ? " (failures: " + string.Join(", ", f.Select(x => $"{x.Key} ×{x.Value}")) + ")" : string.Empty));
        return result;
    }

    /// <summary>The client process: fires the plan's submissions on schedule and prints one JSON line.</summary>
    public static async Task<int> ClientMainAsync(string[] args)
    {
        var (url, plan, skip, spec, profile) = (args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture), args[4], args[5]);
        var retry = args.Length > 6 && args[6] == "retry";
        var phases = spec.Split(';').Select(p => p.Split(':')).Select(p => (Rate: double.Parse(p[0], CultureInfo.InvariantCulture), Seconds: double.Parse(p[1], CultureInfo.InvariantCulture))).ToList();
        var lines = (await File.ReadAllLinesAsync(plan)).Skip(skip).Select(l => l.Split('\t')).ToList();
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler, disposeHandler: false)
        {
            BaseAddress = new Uri(url),
            Timeout = TimeSpan.FromSeconds(retry ? 20 : 30),
        };
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var acked = new System.Collections.Concurrent.ConcurrentBag<string>();
        var doneIds = new System.Collections.Concurrent.ConcurrentBag<string>();
        var errors = 0;
        var shed = 0;
        var doneBefore = 0;
        var unfinished = 0;
        var refused = 0;
        long firstError = long.MaxValue, lastError = 0;
        var tasks = new List<Task>();
        var clock = Stopwatch.StartNew();
        var offset = 0.0;
        var next = 0;
        var giveUp = TimeSpan.FromSeconds(phases.Sum(p => p.Seconds) + 120);

        var failures = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        void Failed(System.Net.HttpStatusCode? status, bool retryAfter = false)
        {
            var what = status is { } code ? ((int)code).ToString(CultureInfo.InvariantCulture) + (retryAfter ? " Retry-After" : string.Empty) : "no answer";
            failures.AddOrUpdate(what, 1, (_, n) => n + 1);
            Interlocked.Increment(ref errors);
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            long seen;
            while (now < (seen = Interlocked.Read(ref firstError)) && Interlocked.CompareExchange(ref firstError, now, seen) != seen)
            {
            }

            while (now > (seen = Interlocked.Read(ref lastError)) && Interlocked.CompareExchange(ref lastError, now, seen) != seen)
            {
            }
        }

        // One attempt: 200 (submitted), 409 "已上报/已通过审核" (already submitted: only a retry of an attempt that committed
        // meets it), 503 with Retry-After (shed by admission control, or the database out of reach), or a failure: any
        // other answer (a proxy's 503 included), a refused or reset connection (null), a timeout (null).
        async Task<(System.Net.HttpStatusCode? Status, bool Shed, bool AlreadySubmitted)> AttemptAsync(string[] line)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/dispatch/forms/{line[1]}/submit")
                {
                    Content = JsonContent.Create(new { version = uint.Parse(line[2], CultureInfo.InvariantCulture) }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", line[0]);
                using var response = await http.SendAsync(request);
                var already = response.StatusCode == System.Net.HttpStatusCode.Conflict
                    && await response.Content.ReadAsStringAsync() is var body && (body.Contains("已上报", StringComparison.Ordinal) || body.Contains("已通过审核", StringComparison.Ordinal));
                return (response.StatusCode, response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null, already);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return (null, false, false);
            }
        }

        foreach (var (rate, seconds) in phases)
        {
            var count = (int)(rate * seconds);
            for (var i = 0; i < count; i++)
            {
                var due = offset + i / rate;
                var wait = due - clock.Elapsed.TotalSeconds;
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(wait));
                }

                var line = lines[next++];
                tasks.Add(Task.Run(async () =>
                {
                    var start = Stopwatch.GetTimestamp();
                    for (var attempt = 1; ; attempt++)
                    {
                        var (status, shedHere, already) = await AttemptAsync(line);
                        if (status == System.Net.HttpStatusCode.OK)
                        {
                            acked.Add(line[1]);
                            break;
                        }

                        if (shedHere && !retry)
                        {
                            Interlocked.Increment(ref shed);
                            return; // shed at the door: not an admitted request's latency
                        }

                        if (retry && already && attempt > 1)
                        {
                            Interlocked.Increment(ref doneBefore);
                            doneIds.Add(line[1]); // checked like the acknowledged ones: it must be submitted
                            break;
                        }

                        // A final refusal (a check failed: 422; any 4xx but 408 and 429) is the form's, not the outage's:
                        // not retried, not in the failover window.
                        if (retry && status is { } code && (int)code is >= 400 and < 500 and not 408 and not 429 && !shedHere)
                        {
                            Interlocked.Increment(ref refused);
                            failures.AddOrUpdate($"{(int)code} final", 1, (_, n) => n + 1);
                            break;
                        }

                        // In the drills every answer but 200 is a failed attempt, a 503 with Retry-After included (the
                        // portal says so while the database is out of reach); in the profiles a shed is counted apart.
                        if (!shedHere || retry)
                        {
                            Failed(status, shedHere);
                        }

                        if (!retry)
                        {
                            break;
                        }

                        if (clock.Elapsed > giveUp)
                        {
                            Interlocked.Increment(ref unfinished);
                            return;
                        }

                        // Backing off as a careful client does (300 ms doubling to 5 s, with jitter): thousands of
                        // submissions retried in lockstep would be a storm of their own.
                        await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 300 * Math.Pow(2, attempt - 1)) * (0.5 + Random.Shared.NextDouble())));
                    }

                    latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }));
            }

            offset += seconds;
        }

        await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed.TotalSeconds;
        if (retry)
        {
            await File.WriteAllLinesAsync($"{plan}.{profile}.acked", acked.Concat(doneIds));
        }

        var sorted = latencies.OrderBy(x => x).ToArray();
        var result = new Result(profile, sorted.Length + shed + unfinished, errors, Timing.Percentile(sorted, 0.5), Timing.Percentile(sorted, 0.95), sorted.Length == 0 ? 0 : sorted[^1],
            sorted.Length / Math.Max(offset, elapsed), shed, acked.Count, doneBefore, unfinished, firstError == long.MaxValue ? 0 : firstError, lastError,
            new Dictionary<string, int>(failures), refused);
        Console.WriteLine(JsonSerializer.Serialize(result, JsonSerializerOptions.Web));
        return 0;
    }
}
