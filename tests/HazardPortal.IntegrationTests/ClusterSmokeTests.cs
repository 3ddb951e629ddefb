using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Tests;
using HazardPortal.Web.Features.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// Issue #18's cluster smoke test, within CI's means (two portal processes on one database, no HA): forwarded headers
/// are believed from the configured proxy only, and the escalation job started on both nodes runs once. (A cookie
/// issued by one node working on the other is <c>StackFitnessTests</c>'.)
/// </summary>
public class ClusterSmokeTests(ClusterSmokeTests.Proxied app) : IClassFixture<ClusterSmokeTests.Proxied>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A node whose every request comes from one address (what a client or a proxy is to it).</summary>
    public abstract class Node : PortalApp
    {
        protected abstract string Remote { get; }

        protected virtual string? Trusted => null;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (Trusted is { } trusted)
            {
                builder.UseSetting("Proxy:Trusted", trusted);
            }

            var remote = IPAddress.Parse(Remote);
            builder.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new FromAddress(remote)));
        }

        private sealed class FromAddress(IPAddress remote) : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, nextStep) =>
                {
                    context.Connection.RemoteIpAddress = remote;
                    return nextStep(context);
                });
                next(app);
            };
        }
    }

    /// <summary>Node A: reached through the proxy on 127.0.0.1, which it trusts.</summary>
    public sealed class Proxied : Node
    {
        protected override string Remote => "127.0.0.1";

        protected override string? Trusted => "127.0.0.1";
    }

    /// <summary>Node B on node A's database, reached directly by a client at 10.9.9.9 that forges the header.</summary>
    private sealed class Direct(string database) : Node
    {
        protected override string? SharedDatabase => database;

        protected override string Remote => "10.9.9.9";
    }

    private static async Task SignInAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token") { Content = JsonContent.Create(new { userName = "jx.minhe", password = PortalApp.DemoPassword }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        (await client.SendAsync(request, Ct)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Forwarded_headers_are_believed_from_the_trusted_proxy_only()
    {
        await using var direct = new Direct(app.Database);
        await direct.InitializeAsync();
        await SignInAsync(app.Anonymous(), "203.0.113.7");
        await SignInAsync(direct.Anonymous(), "203.0.113.8");

        await using var audit = app.AuditDb();
        var addresses = await audit.AuditEntries.Where(a => a.IpAddress != null).Select(a => a.IpAddress!).Distinct().ToListAsync(Ct);
        Assert.Contains("203.0.113.7", addresses); // the client the proxy saw
        Assert.Contains("10.9.9.9", addresses); // the connection's own address: the forged header was not read
        Assert.DoesNotContain("203.0.113.8", addresses);
    }

    [Fact]
    public async Task The_escalation_job_started_on_both_nodes_runs_once()
    {
        await using var direct = new Direct(app.Database);
        await direct.InitializeAsync();
        using var adminA = await app.ClientForAsync("admin");
        using var adminB = await direct.ClientForAsync("admin");
        static async Task<(bool Ran, int Created)> RunAsync(HttpClient admin)
        {
            var run = await (await admin.PostAsync("/api/v1/admin/jobs/escalation/run", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
            return (run.GetProperty("ran").GetBoolean(), run.GetProperty("created").GetInt32());
        }

        // While another instance holds the job's lock, neither node runs it.
        await using (var holder = new Npgsql.NpgsqlConnection(app.AppConnection))
        {
            await holder.OpenAsync(Ct);
            await using (var take = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({EscalationJob.LockKey})", holder))
            {
                await take.ExecuteNonQueryAsync(Ct);
            }

            Assert.Equal((false, 0), await RunAsync(adminA));
            Assert.Equal((false, 0), await RunAsync(adminB));
            await using var release = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_unlock({EscalationJob.LockKey})", holder);
            await release.ExecuteNonQueryAsync(Ct); // a pooled connection would keep a session lock after it is closed
        }

        // Started on both at once: what is created, is created once.
        await using var db = app.SystemDb();
        var before = await db.Notifications.IgnoreQueryFilters().CountAsync(Ct);
        var runs = await Task.WhenAll(RunAsync(adminA), RunAsync(adminB));
        Assert.Contains(runs, r => r.Ran);
        var after = await db.Notifications.IgnoreQueryFilters().CountAsync(Ct);
        Assert.Equal(after - before, runs.Sum(r => r.Created));
        Assert.True(after > before); // the demo's overdue hazards and missing forms are told once
        Assert.Equal(0, await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM (SELECT user_id, dedupe_key FROM notifications GROUP BY 1, 2 HAVING count(*) > 1) d").SingleAsync(Ct));
    }
}
