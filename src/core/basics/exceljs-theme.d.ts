/** ExcelJS ships its default theme part as a module without a declaration: the text of xl/theme/theme1.xml. */
declare module 'exceljs/lib/xlsx/xml/theme1' {
  const xml: string;
  export = xml;
}
