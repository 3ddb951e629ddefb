using System.Net.Http.Headers;
using System.Net.Http.Json;
using HazardPortal.Core.Data;
using HazardPortal.Core.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Tests;

/// <summary>
/// The real portal (Program.cs, real middleware, real PostgreSQL) over a fresh clone of the demo
/// template, connected as the non-owner application role. One per test class.
/// </summary>
public class PortalApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string DemoPassword = "Demo#2023";

    public PostgresCluster Cluster { get; private set; } = null!;

    public string Database { get; private set; } = null!;

    public string AppConnection => Cluster.ConnectionString(Database, owner: false);

    public string OwnerConnection => Cluster.ConnectionString(Database, owner: true);

    /// <summary>Set by a second portal process of a test that runs on another one's database.</summary>
    protected virtual string? SharedDatabase => null;

    public virtual async ValueTask InitializeAsync()
    {
        Cluster = await PostgresCluster.SharedAsync();
        Database = SharedDatabase ?? await Cluster.CreateDatabaseAsync(GetType().Name.Length > 20 ? GetType().Name[..20] : GetType().Name);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:App", AppConnection);
        builder.UseSetting("Database:Setup", "false");
        builder.UseSetting("Logging:File", Path.Combine(Path.GetTempPath(), "hp-test-logs", Database + "-.json"));
        // The escalation job runs when a test says so (the hosted timer would race the assertions).
        builder.UseSetting("Escalation:IntervalMinutes", "0");
        builder.UseSetting("Audit:SealSeconds", "0"); // tests seal the audit chain when they need it
        builder.UseEnvironment("Development");
    }

    /// <summary>An HTTP client signed in through POST /api/v1/auth/token as the given user.</summary>
    public async Task<HttpClient> ClientForAsync(string userName, string password = DemoPassword)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    /// <summary>
    /// A browser-like session: signed in through the sign-in form (with its antiforgery token), holding the
    /// session cookie, and the antiforgery token a signed-in page carries (the header's sign-out form).
    /// </summary>
    public async Task<(HttpClient Client, string PageToken)> CookieSessionAsync(string userName, string password = DemoPassword)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await (await client.GetAsync("/account/login")).Content.ReadAsStringAsync();
        var signedIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName, ["password"] = password, ["returnUrl"] = "/", ["__RequestVerificationToken"] = FormToken(form),
        }));
        if (signedIn.StatusCode != System.Net.HttpStatusCode.Redirect || signedIn.Headers.Location!.ToString().Contains("/account/login", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"cookie sign-in as {userName} failed: {signedIn.StatusCode} {signedIn.Headers.Location}");
        }

        var home = await (await client.GetAsync("/")).Content.ReadAsStringAsync();
        return (client, FormToken(home));
    }

    /// <summary>The antiforgery token of the first form in a page.</summary>
    public static string FormToken(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, @"name=""__RequestVerificationToken"" value=""([^""]+)""") is { Success: true } m
            ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("no antiforgery token in the page");

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A context as the application role under an explicit scope (tests only).</summary>
    public AppDbContext Db(AccessScope scope) => DatabaseSetup.Open(AppConnection, scope);

    public AppDbContext SystemDb() => Db(AccessScope.System("test"));

    /// <summary>Seals the audit log's new rows into its hash chain now (the portal's timer is off in tests).</summary>
    public async Task SealAuditAsync()
    {
        await using var conn = new Npgsql.NpgsqlConnection(AppConnection);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT set_config('hp.audit_reader', 'on', false); SELECT hp_audit_seal(1000000)", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>A context on the Auditor's path: the only one that reads the audit log (RLS on audit_log).</summary>
    public AppDbContext AuditDb() => Db(AccessScope.ForUser(Guid.Empty, "test-auditor", [Core.Identity.Roles.Auditor], null, null, null));

    public async Task<Guid> UserIdAsync(string userName)
    {
        await using var db = Db(AccessScope.ActorOnly("test"));
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    /// <summary>
    /// Creates an account through the admin API (SystemAdmin creates it, SecurityAdmin grants the role), lets it choose
    /// its own password at its first sign-in (an administrator's password must be changed), and signs it in.
    /// </summary>
    public async Task<HttpClient> AccountAsync(string userName, string role, Guid? unitId = null, Guid? enterpriseId = null)
    {
        const string password = "Scenario#2023";
        using var admin = await ClientForAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/v1/admin/users", new { userName, displayName = userName, password = "Initial#2023", unitId, enterpriseId });
        created.EnsureSuccessStatusCode();
        var id = await created.Content.ReadFromJsonAsync<Guid>();
        using var secadmin = await ClientForAsync("secadmin");
        (await secadmin.PutAsJsonAsync($"/api/v1/security/users/{id}/roles", new { roles = new[] { role } })).EnsureSuccessStatusCode();
        using var first = Anonymous();
        (await first.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = "Initial#2023", newPassword = password })).EnsureSuccessStatusCode();
        return await ClientForAsync(userName, password);
    }

    public async Task<Guid> UnitIdAsync(string name)
    {
        await using var db = SystemDb();
        return await db.Units.Where(u => u.Name == name).Select(u => u.Id).SingleAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    public sealed record TokenResponse(string AccessToken, int ExpiresIn);
}
