using System.IO.Compression;
using System.Text;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Evidence;

namespace CommunityWorkflows.Domain.Tests.Evidence;

public class EvidenceFileTests
{
    static readonly byte[] OleSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>A ZIP holding the given entries, as Office Open XML packages are.</summary>
    static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), Encoding.UTF8);
                writer.Write(text);
            }
        return stream.ToArray();
    }

    static string ContentTypes(string mainPart) =>
        $"""<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/main.xml" ContentType="{mainPart}"/></Types>""";

    static readonly byte[] Docx = Zip(("[Content_Types].xml", ContentTypes("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")), ("word/document.xml", "<w:document/>"));

    /// <summary>A compound file whose directory names <paramref name="stream"/> (UTF-16, null-terminated, as the directory stores names).</summary>
    static byte[] CompoundFile(string stream) => [.. OleSignature, .. new byte[504], .. Encoding.Unicode.GetBytes(stream + "\0"), .. new byte[64]];

    [Fact]
    public void Pdfs_and_images_are_known_by_their_first_bytes_whatever_their_name()
    {
        Assert.Equal("application/pdf", EvidenceFile.Recognise("%PDF-1.7\n"u8.ToArray(), "photo.jpg")?.ContentType);
        Assert.Equal("image/png", EvidenceFile.Recognise([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0], null)?.ContentType);
        Assert.Null(EvidenceFile.Recognise("MZ\x90\0program"u8.ToArray(), "report.pdf"));
    }

    [Fact]
    public void An_office_open_xml_file_must_declare_the_document_its_extension_names()
    {
        Assert.Equal(".docx", EvidenceFile.Recognise(Docx, "述职报告.docx")?.Extension);
        Assert.Null(EvidenceFile.Recognise(Docx, "述职报告.xlsx"));
        Assert.Null(EvidenceFile.Recognise(Zip(("payload.exe", "MZ")), "报告.docx"));
        Assert.Null(EvidenceFile.Recognise([0x50, 0x4B, 0x03, 0x04, 1, 2, 3], "broken.docx"));
        Assert.Equal(".xlsx", EvidenceFile.Recognise(
            Zip(("[Content_Types].xml", ContentTypes("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"))), "指标表.xlsx")?.Extension);
    }

    [Fact]
    public void An_office_file_of_more_than_ten_thousand_entries_is_refused_on_file_before_it_is_opened()
    {
        (string, string)[] types = [("[Content_Types].xml", ContentTypes("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"))];
        var parts = Enumerable.Range(0, 10_000).Select(i => ($"word/media/p{i}.xml", "")).ToArray();

        Assert.Equal(".docx", EvidenceFile.Recognise(Zip([.. types, .. parts[..9_999]]), "台账.docx")?.Extension);
        var refused = Assert.Throws<RuleViolationException>(() => EvidenceFile.Recognise(Zip([.. types, .. parts]), "台账.docx"));
        Assert.Equal("/file", Assert.Single(refused.Errors).Field);
        Assert.Contains("10,000", refused.Errors[0].Message);
    }

    [Fact]
    public void A_legacy_office_file_must_hold_the_stream_of_its_kind()
    {
        Assert.Equal("application/msword", EvidenceFile.Recognise(CompoundFile("WordDocument"), "记录.doc")?.ContentType);
        Assert.Equal(".xls", EvidenceFile.Recognise(CompoundFile("Workbook"), "台账.xls")?.Extension);
        Assert.Null(EvidenceFile.Recognise(CompoundFile("WordDocument"), "台账.xls"));
        Assert.Null(EvidenceFile.Recognise(CompoundFile("\u4840\u3b3f"), "setup.doc")); // an installer package is a compound file too
    }

    [Fact]
    public void A_stored_name_keeps_no_path_and_takes_the_real_extension() =>
        Assert.Equal("目标责任书.pdf", EvidenceFile.SafeName("../../etc/目标责任书.exe", EvidenceFile.Recognise("%PDF-1.4"u8.ToArray(), null)!));
}
