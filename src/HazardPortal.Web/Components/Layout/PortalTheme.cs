using MudBlazor;

namespace HazardPortal.Web.Components.Layout;

/// <summary>The portal's one theme: indigo, Chinese typography (Noto Sans CJK first), compact tables.</summary>
public static class PortalTheme
{
    private static readonly string[] Fonts = ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "system-ui", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3f51b5",
            PrimaryDarken = "#303f9f",
            Secondary = "#5c6bc0",
            AppbarBackground = "#3f51b5",
            AppbarText = "#ffffff",
            Background = "#f4f5fa",
            DrawerBackground = "#ffffff",
            DrawerText = "rgba(0,0,0,0.80)",
            DrawerIcon = "#3f51b5",
            Error = "#b3261e",
            Warning = "#b26a00",
            Success = "#2e7d32",
            Info = "#0b4f8a",
            TextPrimary = "rgba(0,0,0,0.87)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Fonts, FontSize = ".9rem", LineHeight = "1.5" },
            H1 = new H1Typography { FontFamily = Fonts, FontSize = "1.5rem", FontWeight = "600", LineHeight = "1.4" },
            H2 = new H2Typography { FontFamily = Fonts, FontSize = "1.3rem", FontWeight = "600", LineHeight = "1.4" },
            H3 = new H3Typography { FontFamily = Fonts, FontSize = "1.2rem", FontWeight = "600", LineHeight = "1.4" },
            H4 = new H4Typography { FontFamily = Fonts, FontSize = "1.1rem", FontWeight = "600", LineHeight = "1.4" },
            H5 = new H5Typography { FontFamily = Fonts, FontSize = "1.05rem", FontWeight = "600", LineHeight = "1.4" },
            H6 = new H6Typography { FontFamily = Fonts, FontSize = "1rem", FontWeight = "600", LineHeight = "1.4" },
            Subtitle1 = new Subtitle1Typography { FontFamily = Fonts, FontSize = "1rem", FontWeight = "600" },
            Subtitle2 = new Subtitle2Typography { FontFamily = Fonts, FontSize = ".9rem", FontWeight = "600" },
            Body1 = new Body1Typography { FontFamily = Fonts, FontSize = ".9rem" },
            Body2 = new Body2Typography { FontFamily = Fonts, FontSize = ".85rem" },
            Button = new ButtonTypography { FontFamily = Fonts, FontSize = ".875rem", FontWeight = "500", TextTransform = "none" },
            Caption = new CaptionTypography { FontFamily = Fonts, FontSize = ".78rem" },
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "232px", AppbarHeight = "56px" },
    };
}
