using ClosedXML.Excel;

namespace HazardPortal.Web.Features.Shared;

/// <summary>How every workbook the portal makes is printed: on A4, fit to the page's width, its header rows on each page.</summary>
public static class PrintSetup
{
    /// <summary>The body font of the seeds' tables.</summary>
    public const string BodyFont = "宋体";

    /// <summary>The titles' font.</summary>
    public const string TitleFont = "黑体";

    public static void A4(IXLWorksheet sheet, bool landscape, int? repeatFrom = null, int? repeatTo = null)
    {
        sheet.PageSetup.PaperSize = XLPaperSize.A4Paper;
        sheet.PageSetup.PageOrientation = landscape ? XLPageOrientation.Landscape : XLPageOrientation.Portrait;
        sheet.PageSetup.FitToPages(1, 0);
        if (repeatFrom is { } from)
        {
            sheet.PageSetup.SetRowsToRepeatAtTop(from, repeatTo ?? from);
        }
    }
}
