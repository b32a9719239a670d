/** exceljs's self-contained browser build (the pane loads it only to build a new register). */
declare module 'exceljs/dist/exceljs.min.js' {
  import ExcelJS from 'exceljs';
  export default ExcelJS;
}
