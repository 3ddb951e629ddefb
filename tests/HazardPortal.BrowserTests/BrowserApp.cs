using HazardPortal.Tests;
using Microsoft.Playwright;

namespace HazardPortal.BrowserTests;

/// <summary>
/// The real portal on a real Kestrel socket over its own database clone, and Debian's Chromium
/// driven by Playwright (never `playwright install`: the browser comes from apt).
/// </summary>
public sealed class BrowserApp : PortalApp
{
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = null!;

    /// <summary>./portal test points this at artifacts/screenshots; otherwise next to the test binaries.</summary>
    public static string ScreenshotDirectory { get; } =
        Environment.GetEnvironmentVariable("HAZARDPORTAL_SCREENSHOTS") is { Length: > 0 } dir ? dir : Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>The division list (data/divisions), for an office that switches a township's villages on; the circuit count.</summary>
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Diagnostics:Circuits", "true"); // the node's circuit count, read by a test of the real socket
        builder.UseSetting("Database:Divisions", Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "data", "divisions")));
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        UseKestrel(0);
        StartServer();
        BaseUrl = ClientOptions.BaseAddress.ToString().TrimEnd('/');
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 860 },
            IsMobile = phone,
            HasTouch = phone,
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    public async Task SignInAsync(IPage page, string userName, string password = DemoPassword)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await WaitInteractiveAsync(page);
    }

    /// <summary>Presses the confirming button of the MudDialog an irreversible action opens (上报, 退回, 验收 …).</summary>
    public static async Task ConfirmAsync(IPage page, string button)
    {
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = button, Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Chooses an option of a MudSelect (click, then the option) or a MudAutocomplete (type, then the option),
    /// as a thumb would: the list is MudBlazor's popover, not a native select.
    /// </summary>
    public static async Task ChooseAsync(IPage page, string testId, string option, string? typed = null)
    {
        var input = page.GetByTestId(testId);
        if (typed is null)
        {
            await input.ClickAsync();
        }
        else
        {
            await input.FillAsync(typed);
        }

        var items = page.Locator(".mud-popover-open .mud-list-item");
        var match = items.Filter(new LocatorFilterOptions { HasText = option }).First;
        // Typed into a dialog that was still settling, the text can be lost before the search runs (seen under a loaded CI
        // machine): type it again, key by key, as a person would, before giving up.
        for (var attempt = 1; typed is not null && attempt <= 2; attempt++)
        {
            try
            {
                await match.WaitForAsync(new LocatorWaitForOptions { Timeout = 7_000 });
                break;
            }
            catch (TimeoutException)
            {
                await input.FillAsync(string.Empty);
                await input.PressSequentiallyAsync(typed, new LocatorPressSequentiallyOptions { Delay = 50 });
            }
        }

        await match.ClickAsync();
        await Assertions.Expect(items).ToHaveCountAsync(0);
    }

    public static Task WaitInteractiveAsync(IPage page) =>
        page.WaitForSelectorAsync("body[data-interactive=true]");

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        await base.DisposeAsync();
    }
}
