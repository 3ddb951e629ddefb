using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace HazardPortal.Web.Infrastructure;

/// <summary>
/// The whole portal runs under zh-CN, with dates as 2023-08-20 (the short date pattern the forms and
/// the seeds use), for every request and every circuit; MudBlazor's own texts in Chinese.
/// </summary>
public static class PortalCulture
{
    public static CultureInfo Culture { get; } = Create();

    private static CultureInfo Create()
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("zh-CN").Clone();
        culture.DateTimeFormat.ShortDatePattern = "yyyy-MM-dd";
        culture.DateTimeFormat.DateSeparator = "-";
        culture.DateTimeFormat.ShortTimePattern = "HH:mm";
        culture.DateTimeFormat.LongTimePattern = "HH:mm:ss";
        return CultureInfo.ReadOnly(culture);
    }

    public static void AddPortalCulture(this IServiceCollection services)
    {
        CultureInfo.DefaultThreadCurrentCulture = Culture;
        CultureInfo.DefaultThreadCurrentUICulture = Culture;
        services.AddTransient<MudLocalizer, ChineseMudLocalizer>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Culture, Culture);
            o.SupportedCultures = [Culture];
            o.SupportedUICultures = [Culture];
            o.RequestCultureProviders.Clear(); // one culture for everybody, whatever the browser says
        });
    }
}

/// <summary>MudBlazor's built-in texts (pagers, pickers, dialogs, grids) in Chinese.</summary>
public sealed class ChineseMudLocalizer : MudLocalizer
{
    private static readonly Dictionary<string, string> Texts = new(StringComparer.Ordinal)
    {
        ["MudDataGrid_Apply"] = "应用", ["MudDataGrid_Clear"] = "清除", ["MudDataGrid_AddFilter"] = "添加筛选",
        ["MudDataGrid_Cancel"] = "取消", ["MudDataGrid_Loading"] = "加载中…", ["MudDataGrid_Save"] = "保存",
        ["MudDataGrid_HideAll"] = "全部隐藏", ["MudDataGrid_ShowAll"] = "全部显示", ["MudDataGrid_Columns"] = "列",
        ["MudDataGrid_ExpandAllGroups"] = "展开全部分组", ["MudDataGrid_CollapseAllGroups"] = "折叠全部分组",
        ["MudDataGrid_RefreshData"] = "刷新", ["MudDataGrid_True"] = "是", ["MudDataGrid_False"] = "否",
        ["MudDataGrid_Unsort"] = "取消排序", ["MudDataGrid_Filter"] = "筛选", ["MudDataGrid_Hide"] = "隐藏",
        ["MudDataGrid_Ungroup"] = "取消分组", ["MudDataGrid_Group"] = "分组", ["MudDataGrid_FilterValue"] = "筛选值",
        ["MudDataGrid_Contains"] = "包含", ["MudDataGrid_NotContains"] = "不包含", ["MudDataGrid_Equals"] = "等于",
        ["MudDataGrid_NotEquals"] = "不等于", ["MudDataGrid_StartsWith"] = "开头是", ["MudDataGrid_EndsWith"] = "结尾是",
        ["MudDataGrid_IsEmpty"] = "为空", ["MudDataGrid_IsNotEmpty"] = "不为空", ["MudDataGrid_Is"] = "是",
        ["MudDataGrid_IsNot"] = "不是", ["MudDataGrid_IsAfter"] = "晚于", ["MudDataGrid_IsOnOrAfter"] = "不早于",
        ["MudDataGrid_IsBefore"] = "早于", ["MudDataGrid_IsOnOrBefore"] = "不晚于", ["MudDataGrid_Column"] = "列",
        ["MudDataGrid_Operator"] = "条件", ["MudDataGrid_Value"] = "值", ["MudDataGrid_MoveDown"] = "下移",
        ["MudDataGrid_MoveUp"] = "上移", ["MudDataGrid_Sort"] = "排序", ["MudDataGrid_ClearFilter"] = "清除筛选",
        ["MudDataGrid_OpenFilters"] = "打开筛选", ["MudDataGrid_ToggleGroupExpansion"] = "展开/折叠分组",
        ["MudDataGrid_RemoveFilter"] = "移除筛选", ["MudDataGrid_ShowColumnOptions"] = "列选项",
        ["MudNavGroup_ToggleExpand"] = "展开/折叠 {0}", ["MudAlert_Close"] = "关闭提示", ["MudChip_Close"] = "移除",
        ["MudBaseDatePicker_PrevYear"] = "上一年 {0}", ["MudBaseDatePicker_NextYear"] = "下一年 {0}",
        ["MudBaseDatePicker_PrevMonth"] = "上个月 {0}", ["MudBaseDatePicker_NextMonth"] = "下个月 {0}",
        ["MudPagination_CurrentPage"] = "当前第 {0} 页", ["MudPagination_FirstPage"] = "首页", ["MudPagination_LastPage"] = "末页",
        ["MudPagination_NextPage"] = "下一页", ["MudPagination_PageIndex"] = "第 {0} 页", ["MudPagination_PreviousPage"] = "上一页",
        ["MudDialog_Close"] = "关闭", ["MudInput_Clear"] = "清除", ["MudInput_Decrement"] = "减少", ["MudInput_Increment"] = "增加",
        ["MudTablePager_FirstPage"] = "首页", ["MudTablePager_LastPage"] = "末页", ["MudTablePager_NextPage"] = "下一页",
        ["MudTablePager_PreviousPage"] = "上一页", ["MudSnackbar_Close"] = "关闭", ["MudDataGridPager_RowsPerPage"] = "每页行数：",
        ["MudDataGridPager_AllItems"] = "全部", ["MudDataGridPager_InfoFormat"] = "第 {0}-{1} 条，共 {2} 条",
        ["MudDataGridPager_FirstPage"] = "首页", ["MudDataGridPager_PreviousPage"] = "上一页", ["MudDataGridPager_NextPage"] = "下一页",
        ["MudDataGridPager_LastPage"] = "末页", ["MudStepper_Next"] = "下一步", ["MudStepper_Previous"] = "上一步",
        ["MudStepper_Skip"] = "跳过", ["MudStepper_Reset"] = "重置", ["MudStepper_Complete"] = "完成",
        ["MudCarousel_Next"] = "下一张", ["MudCarousel_Previous"] = "上一张", ["MudCarousel_Index"] = "第 {0} 张",
    };

    public override LocalizedString this[string key] =>
        Texts.TryGetValue(key, out var text) ? new LocalizedString(key, text) : new LocalizedString(key, key, resourceNotFound: true);

    public override LocalizedString this[string key, params object[] arguments] =>
        Texts.TryGetValue(key, out var text)
            ? new LocalizedString(key, string.Format(PortalCulture.Culture, text, arguments))
            : new LocalizedString(key, key, resourceNotFound: true);
}
