using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using HazardPortal.Tests;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// The stack the portal was specified with, and nothing in its place (issue #14): MudBlazor alone, .NET 10's
/// own blazor.web.js, Serilog.AspNetCore's request log, FluentValidation's DI registration, Data Protection
/// keys shared through PostgreSQL.
/// </summary>
public class StackFitnessTests(StackFitnessTests.App app) : IClassFixture<StackFitnessTests.App>
{
    public sealed class App : PortalApp;

    /// <summary>A second portal process on the same database (what a second node behind a proxy is).</summary>
    private sealed class SecondNode(string database) : PortalApp
    {
        protected override string? SharedDatabase => database;
    }

    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HazardPortal.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public void No_package_using_class_or_css_of_the_old_component_library_remains()
    {
        var name = "Rad" + "zen"; // spelled apart so that this file does not find itself
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(Root, file);
            if (rel.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj" or ".git" or ".data" or "artifacts" or "node_modules" or "docs")
                || Path.GetExtension(file) is not (".cs" or ".razor" or ".csproj" or ".props" or ".targets" or ".css" or ".js" or ".json" or ".yml" or ".md") && Path.GetFileName(file) != "Dockerfile")
            {
                continue;
            }

            var text = File.ReadAllText(file);
            if (text.Contains(name, StringComparison.OrdinalIgnoreCase) || (Path.GetExtension(file) is ".razor" or ".css" or ".cs" && Regex.IsMatch(text, @"[""\s.]rz-[a-z]")))
            {
                offenders.Add(rel);
            }
        }

        Assert.Empty(offenders);
        Assert.False(File.Exists(Path.Combine(Root, "src", "HazardPortal.Web", "BlazorScript.targets")));
    }

    /// <summary>
    /// Every field on an interactive page is a MudBlazor input. The exceptions, each for a reason ADR 0013 gives:
    /// the static forms that post without a circuit (sign-in and its second factor, the public report and its status), and the dispatch
    /// form's item cells (up to a hundred per form, kept as plain inputs in the MudBlazor look for circuit memory).
    /// </summary>
    [Fact]
    public void Every_interactive_field_is_a_MudBlazor_input()
    {
        string[] allowed =
        [
            Path.Combine("Features", "Account", "Login.razor"),
            Path.Combine("Features", "Account", "LoginMfa.razor"),
            Path.Combine("Features", "Account", "MfaEnrol.razor"),
            Path.Combine("Features", "Account", "ChangePassword.razor"),
            Path.Combine("Features", "Records", "PublicReportPage.razor"),
            Path.Combine("Features", "Records", "PublicStatusPage.razor"),
        ];
        var web = Path.Combine(Root, "src", "HazardPortal.Web");
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(web, "*.razor", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(web, file);
            if (allowed.Contains(rel) || rel.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
            {
                continue;
            }

            var text = File.ReadAllText(file);
            if (rel == Path.Combine("Features", "Dispatch", "FormPage.razor"))
            {
                // Only the item cells (value, reason) may be plain inputs.
                text = Regex.Replace(text, @"<(input|select)\b(?:=>|[^>])*?data-testid=""(value|reason|manual-value)""(?:=>|[^>])*>", string.Empty, RegexOptions.Singleline);
            }

            foreach (Match m in Regex.Matches(text, @"<(input|select|textarea|InputFile|InputText|InputDate|InputNumber|InputCheckbox|InputSelect)\b"))
            {
                offenders.Add($"{rel}: <{m.Groups[1].Value}");
            }
        }

        Assert.Empty(offenders);
    }

    [Fact]
    public async Task The_blazor_script_is_the_SDKs_own_for_NET_10()
    {
        using var client = app.Anonymous();
        var response = await client.GetAsync("/_framework/blazor.web.js", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var script = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var version = Regex.Match(script, @"X-SignalR-User-Agent"",\w+\(""(\d+)\.(\d+)\.(\d+)""");
        Assert.True(version.Success, "no SignalR version string in blazor.web.js");
        Assert.Equal("10", version.Groups[1].Value);
        Assert.Contains("resumeCircuit", script, StringComparison.Ordinal); // .NET 10's circuit pause and resume
        Assert.False(Directory.Exists(Path.Combine(Root, "src", "HazardPortal.Web", "wwwroot", "_framework")));
    }

    [Fact]
    public void Validators_come_from_FluentValidations_DI_registration()
    {
        using var scope = app.Services.CreateScope();
        var registrations = app.Services.GetRequiredService<IServiceProviderIsService>();
        Assert.True(registrations.IsService(typeof(IValidator<HazardPortal.Web.Features.Shared.NewHazard>)));
        Assert.True(registrations.IsService(typeof(IValidator<HazardPortal.Web.Features.Admin.SaveEnterprise.Command>)));
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<IValidator<HazardPortal.Web.Features.Records.Enforcement.Command>>());
    }

    [Fact]
    public async Task A_cookie_and_an_antiforgery_token_issued_by_one_node_work_on_another()
    {
        await using var second = new SecondNode(app.Database);
        await second.InitializeAsync();
        using var nodeA = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var nodeB = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        // The sign-in form from node A, posted to node B: B accepts A's antiforgery token.
        var form = await nodeA.GetAsync("/account/login", TestContext.Current.CancellationToken);
        var html = await form.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var token = Regex.Match(html, @"name=""__RequestVerificationToken"" value=""([^""]+)""").Groups[1].Value;
        Assert.NotEmpty(token);
        var antiforgeryCookie = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["userName"] = "jx.minhe", ["password"] = PortalApp.DemoPassword, ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        var signedIn = await nodeB.SendAsync(post, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.DoesNotContain("/account/login", signedIn.Headers.Location!.ToString(), StringComparison.Ordinal);
        var authCookie = string.Join("; ", signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        // Node B's session cookie is accepted by node A.
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        me.Headers.Add("Cookie", authCookie);
        var answer = await nodeA.SendAsync(me, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("jx.minhe", await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        // One key ring, in PostgreSQL.
        await using var conn = new NpgsqlConnection(app.OwnerConnection);
        await conn.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM data_protection_keys", conn);
        Assert.Equal(1L, (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
    }

    [Fact]
    public async Task Each_request_is_logged_once_with_the_user_the_unit_and_the_trace_id()
    {
        using var client = await app.ClientForAsync("jx.minhe");
        var response = await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var dir = Path.Combine(Path.GetTempPath(), "hp-test-logs");
        string[] lines = [];
        for (var i = 0; i < 50 && !lines.Any(IsTheLine); i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            lines = Directory.EnumerateFiles(dir, app.Database + "-*.json")
                .SelectMany(f => { using var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite); using var r = new StreamReader(s); return r.ReadToEnd().Split('\n'); })
                .ToArray();
        }

        var line = lines.FirstOrDefault(IsTheLine);
        Assert.NotNull(line);
        Assert.Contains("\"UnitCode\":\"360124100000\"", line, StringComparison.Ordinal);
        Assert.Matches("\"TraceId\":\"[0-9a-f]{32}\"", line);
        Assert.Contains("\"StatusCode\":200", line, StringComparison.Ordinal);

        static bool IsTheLine(string l) => l.Contains("\"RequestPath\":\"/api/v1/me\"", StringComparison.Ordinal) && l.Contains("\"UserName\":\"jx.minhe\"", StringComparison.Ordinal);
    }
}
