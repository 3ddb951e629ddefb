using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Tests;
using HazardPortal.Web.Infrastructure;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// Issue #18's failover drill found the portal answering 500 while the database was out of reach, and the proxy
/// taking every node down because their health check asked the shared database. A database that refuses connections
/// (here: its connection limit set to 0, which PostgreSQL answers with 53300 "too many connections", as a node
/// overwhelmed during a failover does) is answered 503 with Retry-After and a Chinese message — to the API, and to a
/// page as a page that retries by itself — while the proxy's liveness check stays up and the readiness check says
/// the database is gone. Once the database answers again, so does the portal.
/// </summary>
public class DatabaseUnavailableTests(DatabaseUnavailableTests.App app) : IClassFixture<DatabaseUnavailableTests.App>
{
    public sealed class App : PortalApp;

    [Fact]
    public async Task A_database_that_refuses_connections_is_answered_503_with_retry_after_and_the_live_check_stays_up()
    {
        using var client = await app.ClientForAsync("jx.minhe");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/hazards/")).StatusCode);
        var (pages, _) = await app.CookieSessionAsync("jx.minhe");
        using var anonymous = app.Anonymous();

        await PostgresCluster.ExecuteAsync(app.Cluster.AdminConnection, $"""ALTER DATABASE "{app.Database}" CONNECTION LIMIT 0""");
        try
        {
            // The idle pooled connections of this portal would still serve (the portal's connection string is the bounded one).
            using (var pooled = new Npgsql.NpgsqlConnection(HazardPortal.Core.Data.DatabaseSetup.BoundedPool(app.AppConnection)))
            {
                Npgsql.NpgsqlConnection.ClearPool(pooled);
            }

            var api = await client.GetAsync("/api/v1/hazards/");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(DatabaseUnavailable.RetryAfterSeconds), api.Headers.RetryAfter?.Delta);
            var problem = await api.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            Assert.Equal(DatabaseUnavailable.Title, problem.GetProperty("title").GetString());
            Assert.Equal(503, problem.GetProperty("status").GetInt32());

            using var pageRequest = new HttpRequestMessage(HttpMethod.Get, "/hazards");
            pageRequest.Headers.Accept.ParseAdd("text/html");
            var page = await pages.SendAsync(pageRequest, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Contains("数据库暂时无法访问", html, StringComparison.Ordinal);
            Assert.Contains("http-equiv=\"refresh\"", html, StringComparison.Ordinal);

            // The request log records what the client received — 503, not the exception's 500.
            Assert.Contains(LogLines(), l => l.Contains("\"RequestPath\":\"/api/v1/hazards/\"", StringComparison.Ordinal) && l.Contains("\"StatusCode\":503", StringComparison.Ordinal));
            Assert.DoesNotContain(LogLines(), l => l.Contains("\"RequestPath\":\"/api/v1/hazards/\"", StringComparison.Ordinal) && l.Contains("\"StatusCode\":500", StringComparison.Ordinal));

            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await anonymous.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode);
        }
        finally
        {
            await PostgresCluster.ExecuteAsync(app.Cluster.AdminConnection, $"""ALTER DATABASE "{app.Database}" CONNECTION LIMIT -1""");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/hazards/", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode);
    }

    /// <summary>This portal's log file (Logging:File of the test harness), read while the portal writes it.</summary>
    private List<string> LogLines()
    {
        var dir = Path.Combine(Path.GetTempPath(), "hp-test-logs");
        var lines = new List<string>();
        foreach (var file in Directory.EnumerateFiles(dir, app.Database + "-*.json"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    [Fact]
    public async Task A_client_that_went_away_is_answered_499_and_not_counted_as_an_error()
    {
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        var gone = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestAborted = aborted.Token };
        Assert.True(await new ClientGone().TryHandleAsync(gone, new OperationCanceledException(), CancellationToken.None));
        Assert.Equal(ClientGone.Status, gone.Response.StatusCode);

        // Still there: a cancellation of the portal's own (a timeout) is not the client's going; nor is another error.
        var here = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        Assert.False(await new ClientGone().TryHandleAsync(here, new OperationCanceledException(), CancellationToken.None));
        Assert.False(await new ClientGone().TryHandleAsync(gone, new InvalidOperationException("a bug"), CancellationToken.None));
    }

    [Fact]
    public void Only_the_database_being_out_of_reach_counts_not_a_bug_of_the_request()
    {
        Assert.True(DatabaseUnavailable.Is(new Npgsql.NpgsqlException("No suitable host was found."))); // what the failover drill met, not flagged transient
        Assert.True(DatabaseUnavailable.Is(new Npgsql.NpgsqlException("Exception while connecting", new System.Net.Sockets.SocketException())));
        Assert.True(DatabaseUnavailable.Is(new InvalidOperationException("transient", new Npgsql.PostgresException("terminating connection due to unexpected postmaster exit", "FATAL", "FATAL", "57P01"))));
        Assert.True(DatabaseUnavailable.Is(new Npgsql.PostgresException("cannot execute UPDATE in a read-only transaction", "ERROR", "ERROR", "25006")));
        Assert.False(DatabaseUnavailable.Is(new Npgsql.PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505")));
        Assert.False(DatabaseUnavailable.Is(new Npgsql.PostgresException("syntax error", "ERROR", "ERROR", "42601")));
        Assert.False(DatabaseUnavailable.Is(new InvalidOperationException("a bug")));
        Assert.False(DatabaseUnavailable.Is(new TimeoutException("a timeout outside the database")));
    }
}
