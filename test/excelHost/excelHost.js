/*
 * A stand-in Excel host for tests only: an in-memory workbook behind the subset of the Excel
 * JavaScript API the add-in uses (Excel.run, RequestContext.sync, worksheets, ranges, values,
 * number formats, fills, conditional formats, charts, page layout, data validation, events).
 * Like Excel, a property can be read only after load() and a sync(); every sync is counted with
 * the size of its request (the queued operations as JSON) and of its response (loaded values).
 * The same file runs in node (require) and in a browser page (<script>, defines Office and Excel).
 * Written as a plain ES5 script with constructor functions, so `self` stands for `this` in closures
 * (null objects alone use an ES2015 Proxy, which every browser the tests drive has).
 */
/* eslint-disable @typescript-eslint/no-this-alias */
(function (root) {
  'use strict';

  var DAY_MS = 86400000;

  function letterToCol(letters) {
    var n = 0;
    for (var i = 0; i < letters.length; i++) n = n * 26 + (letters.toUpperCase().charCodeAt(i) - 64);
    return n;
  }
  function colToLetter(col) {
    var s = '';
    for (var n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  }
  var MAX_ROW = 1048576;
  var MAX_COL = 16384;

  /** 'A1:B2' | 'A1' | 'A:C' | '1:10' (sheet prefix allowed) → {r1,c1,r2,c2}, 1-based. */
  function parseArea(text) {
    var a = String(text).replace(/^.*!/, '').replace(/\$/g, '').trim();
    var parts = a.split(':');
    function one(p, end) {
      var m = /^([A-Za-z]*)(\d*)$/.exec(p);
      if (!m || (!m[1] && !m[2])) throw hostError('InvalidArgument', 'bad address ' + text);
      return { c: m[1] ? letterToCol(m[1]) : (end ? MAX_COL : 1), r: m[2] ? Number(m[2]) : (end ? MAX_ROW : 1) };
    }
    var s = one(parts[0], false);
    var e = parts.length > 1 ? one(parts[1], true) : { r: s.r, c: s.c };
    if (parts.length === 1) e = { r: s.r, c: s.c };
    return { r1: Math.min(s.r, e.r), c1: Math.min(s.c, e.c), r2: Math.max(s.r, e.r), c2: Math.max(s.c, e.c) };
  }
  function areaText(a) {
    var first = colToLetter(a.c1) + a.r1;
    return a.r1 === a.r2 && a.c1 === a.c2 ? first : first + ':' + colToLetter(a.c2) + a.r2;
  }
  function hostError(code, message) {
    var e = new Error(message);
    e.code = code;
    e.name = 'RichApi.Error';
    return e;
  }

  // ---------------------------------------------------------------- the workbook model
  function Sheet(name) {
    this.name = name;
    this.rows = []; // rows[r] = { v: [], f: [], fill: [], x: [] } (1-based columns; x: font, alignment, borders)
    this.cfs = []; // in priority order: {area, type, formula, fill, numberFormat, stopIfTrue}
    this.charts = [];
    this.frozenRows = 0;
    this.hiddenColumns = {};
    this.widths = {};
    this.validations = []; // { area, rule, errorAlert, ignoreBlanks }, never overlapping
    this.pageLayout = {};
    this.merges = [];
    this.heights = {};
    this.autoFilter = null; // { area, criteria }
    this.rightToLeft = false; // true / false as the sheet's view says; null: inserted from a file the host could not read
    this.changeHandlers = [];
    this.notes = []; // {r, c, content} (ExcelApi 1.18 notes)
  }
  Sheet.prototype.cell = function (r, c, make) {
    var row = this.rows[r];
    if (!row) {
      if (!make) return undefined;
      row = this.rows[r] = { v: [], f: [], fill: [], x: [] };
    }
    return row;
  };
  Sheet.prototype.get = function (r, c, what) {
    var row = this.rows[r];
    return row ? row[what][c] : undefined;
  };
  Sheet.prototype.set = function (r, c, what, value) {
    this.cell(r, c, true)[what][c] = value;
  };
  /** A cell's font, alignment and border record (made on first use). */
  Sheet.prototype.fmt = function (r, c) {
    var row = this.cell(r, c, true);
    return row.x[c] || (row.x[c] = {});
  };
  /** Remove `area` from every validation, splitting those it cuts (Excel keeps the rest of each). */
  Sheet.prototype.dropValidation = function (b) {
    var kept = [];
    this.validations.forEach(function (v) {
      var a = v.area;
      if (a.r2 < b.r1 || a.r1 > b.r2 || a.c2 < b.c1 || a.c1 > b.c2) { kept.push(v); return; }
      var parts = [];
      if (a.r1 < b.r1) parts.push({ r1: a.r1, c1: a.c1, r2: b.r1 - 1, c2: a.c2 });
      if (a.r2 > b.r2) parts.push({ r1: b.r2 + 1, c1: a.c1, r2: a.r2, c2: a.c2 });
      var top = Math.max(a.r1, b.r1), bottom = Math.min(a.r2, b.r2);
      if (a.c1 < b.c1) parts.push({ r1: top, c1: a.c1, r2: bottom, c2: b.c1 - 1 });
      if (a.c2 > b.c2) parts.push({ r1: top, c1: b.c2 + 1, r2: bottom, c2: a.c2 });
      parts.forEach(function (part) { kept.push({ area: part, rule: v.rule, errorAlert: v.errorAlert, ignoreBlanks: v.ignoreBlanks }); });
    });
    this.validations = kept;
  };
  /** The validation covering (r, c), or undefined. */
  Sheet.prototype.validationAt = function (r, c) {
    for (var i = 0; i < this.validations.length; i++) {
      var a = this.validations[i].area;
      if (a.r1 <= r && r <= a.r2 && a.c1 <= c && c <= a.c2) return this.validations[i];
    }
    return undefined;
  };
  Sheet.prototype.used = function () {
    var r1 = 0, r2 = 0, c1 = 0, c2 = 0;
    for (var r = 1; r < this.rows.length; r++) {
      var row = this.rows[r];
      if (!row) continue;
      for (var c = 1; c < row.v.length; c++) {
        var v = row.v[c];
        if (v === undefined || v === null || v === '') continue;
        if (!r1) r1 = r;
        r2 = r;
        if (!c1 || c < c1) c1 = c;
        if (c > c2) c2 = c;
      }
    }
    return r1 ? { r1: r1, c1: c1, r2: r2, c2: c2 } : null;
  };

  function Workbook() {
    this.sheets = [];
    this.active = null;
    this.selection = null;
  }
  Workbook.prototype.sheet = function (name) {
    for (var i = 0; i < this.sheets.length; i++) if (this.sheets[i].name === name) return this.sheets[i];
    return undefined;
  };
  Workbook.prototype.add = function (name) {
    if (this.sheet(name)) throw hostError('ItemAlreadyExists', 'sheet exists: ' + name);
    var s = new Sheet(name);
    this.sheets.push(s);
    if (!this.active) this.active = s;
    return s;
  };

  // ---------------------------------------------------------------- the API proxies
  var ENUMS = {
    ConditionalFormatType: { custom: 'Custom', cellValue: 'CellValue', dataBar: 'DataBar', colorScale: 'ColorScale', iconSet: 'IconSet' },
    ChartType: { barStacked: 'BarStacked', columnStacked: 'ColumnStacked', columnClustered: 'ColumnClustered', barClustered: 'BarClustered' },
    ChartSeriesBy: { auto: 'Auto', columns: 'Columns', rows: 'Rows' },
    PageOrientation: { portrait: 'Portrait', landscape: 'Landscape' },
    PaperType: { a4: 'A4', letter: 'Letter' },
    DataValidationType: { list: 'List', wholeNumber: 'WholeNumber' },
    DataValidationOperator: { between: 'Between' },
    DataValidationAlertStyle: { stop: 'Stop' },
    EventTriggerSource: { thisLocalAddin: 'ThisLocalAddin', unknown: 'Unknown' },
    EventSource: { local: 'Local', remote: 'Remote' },
    SheetVisibility: { visible: 'Visible', hidden: 'Hidden' },
    WorksheetPositionType: { none: 'None', before: 'Before', after: 'After', beginning: 'Beginning', end: 'End' },
  };

  /** A proxy whose listed properties must be loaded and synced before they are read. */
  function makeLoadable(ctx, target, props) {
    target._loaded = {};
    target._pending = null;
    target.load = function (spec) {
      var names = typeof spec === 'string' ? spec.split(',').map(function (s) { return s.trim(); }) : Array.isArray(spec) ? spec : Object.keys(spec || {});
      if (!names.length || names[0] === '') names = Object.keys(props);
      ctx._queue({ op: 'load', path: target._path, props: names });
      ctx._loads.push({ target: target, names: names });
      return target;
    };
    Object.keys(props).forEach(function (name) {
      var desc = props[name];
      Object.defineProperty(target, name, {
        get: function () {
          if (!Object.prototype.hasOwnProperty.call(target._loaded, name)) {
            throw hostError('PropertyNotLoaded', 'The property \'' + name + '\' is not available. Before reading the property\'s value, call the load method on the containing object and call "context.sync()" on the associated request context.');
          }
          return target._loaded[name];
        },
        set: desc.set ? function (value) {
          ctx._queue({ op: 'set', path: target._path, prop: name, value: value });
          desc.set(value);
          delete target._loaded[name];
        } : function () { throw hostError('InvalidOperation', name + ' is read-only'); },
        enumerable: true,
      });
    });
    target._read = function (name) {
      if (!props[name]) throw hostError('PropertyNotFound', 'the stand-in host has no property ' + name + ' on ' + target._path);
      return props[name].get();
    };
    return target;
  }

  function eachCell(areas, visit) {
    areas.forEach(function (a) { for (var r = a.r1; r <= a.r2; r++) for (var c = a.c1; c <= a.c2; c++) visit(r, c, a); });
  }
  /** A format property kept per cell in the sheet's `x` record (read from the first cell). */
  function cellFormatProperty(sheet, areas, key, fallback, version, ctx) {
    return {
      get: function () { var x = sheet.get(areas[0].r1, areas[0].c1, 'x'); return x && x[key] !== undefined ? x[key] : fallback; },
      set: function (value) {
        if (version && !ctx.host.supports(version)) throw hostError('ApiNotFound', key + ' needs ExcelApi ' + version);
        eachCell(areas, function (r, c) { sheet.fmt(r, c)[key] = value; });
      },
    };
  }
  var EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal'];
  /** The cell sides one of Excel's border items covers in `area`, as [r, c, side]. */
  function borderSides(edge, a) {
    var out = [];
    eachCell([a], function (r, c) {
      if (edge === 'EdgeTop' && r === a.r1) out.push([r, c, 'top']);
      if (edge === 'EdgeBottom' && r === a.r2) out.push([r, c, 'bottom']);
      if (edge === 'EdgeLeft' && c === a.c1) out.push([r, c, 'left']);
      if (edge === 'EdgeRight' && c === a.c2) out.push([r, c, 'right']);
      if (edge === 'InsideHorizontal') { if (r > a.r1) out.push([r, c, 'top']); if (r < a.r2) out.push([r, c, 'bottom']); }
      if (edge === 'InsideVertical') { if (c > a.c1) out.push([r, c, 'left']); if (c < a.c2) out.push([r, c, 'right']); }
    });
    return out;
  }
  /** Range(Areas).format: fill, font and borders on every cell of `areas`. */
  function makeFormat(ctx, sheet, areas, path) {
    var fill = { _path: path + '.fill' };
    makeLoadable(ctx, fill, {
      color: {
        get: function () { return sheet.get(areas[0].r1, areas[0].c1, 'fill') || '#FFFFFF'; },
        set: function (color) {
          areas.forEach(function (area) {
            ctx._countCells(area);
            for (var a = area.r1; a <= area.r2; a++) for (var b = area.c1; b <= area.c2; b++) sheet.set(a, b, 'fill', String(color).toUpperCase());
          });
        },
      },
    });
    fill.clear = function () {
      ctx._queue({ op: 'clearFill', path: path });
      eachCell(areas, function (r, c) { sheet.set(r, c, 'fill', undefined); });
    };
    var font = { _path: path + '.font' };
    makeLoadable(ctx, font, {
      bold: cellFormatProperty(sheet, areas, 'bold', false),
      color: cellFormatProperty(sheet, areas, 'fontColor', '#000000'),
      size: cellFormatProperty(sheet, areas, 'fontSize', 11),
      name: cellFormatProperty(sheet, areas, 'fontName', 'Calibri'),
    });
    var items = {};
    var borders = {
      _path: path + '.borders',
      getItem: function (edge) {
        if (EDGES.indexOf(edge) < 0) throw hostError('InvalidArgument', 'no border ' + edge);
        if (!items[edge]) {
          var border = { _path: path + '.borders.' + edge };
          var side = function (key) {
            return {
              get: function () { return null; },
              set: function (value) {
                areas.forEach(function (a) {
                  borderSides(edge, a).forEach(function (s) {
                    var x = sheet.fmt(s[0], s[1]);
                    var b = x.border || (x.border = {});
                    var one = b[s[2]] || (b[s[2]] = {});
                    one[key] = value;
                  });
                });
              },
            };
          };
          items[edge] = makeLoadable(ctx, border, { style: side('style'), color: side('color'), weight: side('weight') });
        }
        return items[edge];
      },
    };
    return { _path: path, fill: fill, font: font, borders: borders };
  }

  /** Excel.RangeValueType of a stored value. */
  function valueType(v) {
    if (v === undefined || v === null || v === '') return 'Empty';
    if (typeof v === 'number') return 'Double';
    if (typeof v === 'boolean') return 'Boolean';
    return 'String';
  }

  /**
   * What a call on a null object (a sheet from getItemOrNullObject that does not exist) gives:
   * another null object, whose loaded properties are null (a collection's items empty) and whose
   * isNullObject is true after the sync; setting a property on it does nothing. With the host
   * option nullChains: 'throw', the sync that carries any such call fails with ItemNotFound
   * instead (the other way an Excel might treat it), so the add-in's fallback can be tested.
   */
  function nullObject(ctx, path) {
    var loaded = {};
    var proxy;
    var callable = function () {};
    proxy = new Proxy(callable, {
      get: function (target, prop) {
        if (typeof prop === 'symbol' || prop === 'then' || prop === 'toJSON') return undefined;
        if (prop === '_path') return path;
        if (prop === 'load') {
          return function (spec) {
            var names = typeof spec === 'string' ? spec.split(',').map(function (x) { return x.trim().split('/')[0]; }) : [];
            ctx._queue({ op: 'load', path: path, props: names });
            ctx._afterSync.push(function () {
              names.forEach(function (n) { loaded[n] = n === 'items' ? [] : null; });
              loaded.isNullObject = true;
            });
            return proxy;
          };
        }
        if (Object.prototype.hasOwnProperty.call(loaded, prop)) return loaded[prop];
        if (prop === 'isNullObject') throw hostError('PropertyNotLoaded', 'isNullObject is known after a sync');
        return nullObject(ctx, path + '.' + String(prop));
      },
      apply: function () {
        if (ctx.host.options.nullChains === 'throw') ctx._queue({ op: 'call', path: path, fails: 'ItemNotFound' });
        return nullObject(ctx, path + '()');
      },
      set: function () { return true; },
    });
    return proxy;
  }

  function RangeProxy(ctx, sheet, area, path) {
    var self = this;
    this._path = path;
    function grid(what, mapper) {
      var out = [];
      for (var i = area.r1; i <= area.r2; i++) {
        var line = [];
        for (var j = area.c1; j <= area.c2; j++) {
          var v = sheet.get(i, j, what);
          line.push(mapper(v));
        }
        out.push(line);
      }
      return out;
    }
    function put(what, values, clean) {
      if (!Array.isArray(values) || values.length !== area.r2 - area.r1 + 1) {
        if (!Array.isArray(values)) {
          for (var a = area.r1; a <= area.r2; a++) for (var b = area.c1; b <= area.c2; b++) sheet.set(a, b, what, clean(values));
          return;
        }
        throw hostError('InvalidArgument', 'The number of rows or columns in the input array doesn\'t match the size or dimensions of the range.');
      }
      values.forEach(function (line, i) {
        if (!Array.isArray(line) || line.length !== area.c2 - area.c1 + 1) throw hostError('InvalidArgument', 'The number of rows or columns in the input array doesn\'t match the size or dimensions of the range.');
        line.forEach(function (v, j) { if (v !== null) sheet.set(area.r1 + i, area.c1 + j, what, clean(v)); });
      });
      if (what === 'v') ctx._changed(sheet, area);
    }
    makeLoadable(ctx, this, {
      address: { get: function () { return sheet.name + '!' + areaText(area); } },
      rowIndex: { get: function () { return area.r1 - 1; } },
      columnIndex: { get: function () { return area.c1 - 1; } },
      rowCount: { get: function () { return area.r2 - area.r1 + 1; } },
      columnCount: { get: function () { return area.c2 - area.c1 + 1; } },
      values: {
        get: function () { return grid('v', function (v) { return v === undefined || v === null ? '' : v; }); },
        set: function (values) { put('v', values, function (v) { return v === '' ? undefined : v; }); },
      },
      numberFormat: {
        get: function () { return grid('f', function (v) { return v === undefined ? 'General' : v; }); },
        set: function (values) { put('f', values, function (v) { return v === '' ? 'General' : v; }); },
      },
      text: { get: function () { return grid('v', function (v) { return v === undefined || v === null ? '' : String(v); }); } },
      // what kind of value each cell holds (ExcelApi 1.1); a formula's result is typed as its value
      valueTypes: { get: function () { return grid('v', valueType); } },
      columnHidden: {
        get: function () { return !!sheet.hiddenColumns[area.c1]; },
        set: function (hidden) { for (var c = area.c1; c <= area.c2; c++) sheet.hiddenColumns[c] = !!hidden; },
      },
    });
    var format = makeFormat(ctx, sheet, [area], path + '.format');
    makeLoadable(ctx, format, {
      columnWidth: { get: function () { return sheet.widths[area.c1] || 64; }, set: function (w) { for (var c = area.c1; c <= area.c2; c++) sheet.widths[c] = w; } },
      rowHeight: {
        get: function () { return sheet.heights[area.r1] || 15; },
        set: function (h) { for (var r = area.r1; r <= Math.min(area.r2, area.r1 + 100000); r++) sheet.heights[r] = h; },
      },
      useStandardHeight: {
        get: function () { return !sheet.heights[area.r1]; },
        set: function (standard) {
          if (!ctx.host.supports('1.7')) throw hostError('ApiNotFound', 'useStandardHeight needs ExcelApi 1.7');
          if (standard) Object.keys(sheet.heights).forEach(function (r) { if (area.r1 <= Number(r) && Number(r) <= area.r2) delete sheet.heights[r]; });
        },
      },
      wrapText: cellFormatProperty(sheet, [area], 'wrap', false),
      horizontalAlignment: cellFormatProperty(sheet, [area], 'h', 'General'),
      verticalAlignment: cellFormatProperty(sheet, [area], 'v', 'Bottom'),
      readingOrder: cellFormatProperty(sheet, [area], 'ro', 'Context', '1.9', ctx),
    });
    format.autofitColumns = function () { ctx._queue({ op: 'autofit', path: path }); };
    this.format = format;
    this.conditionalFormats = new CfCollection(ctx, sheet, area, path + '.conditionalFormats');
    // a validation set through this proxy: made (and older ones under its area dropped) on the first property set
    var validation = null;
    function ownValidation() {
      if (!ctx.host.supports('1.8')) throw hostError('ApiNotFound', 'dataValidation needs ExcelApi 1.8');
      if (!validation) {
        sheet.dropValidation(area);
        validation = { area: area, rule: null, errorAlert: null, ignoreBlanks: true };
        sheet.validations.push(validation);
      }
      return validation;
    }
    this.dataValidation = makeLoadable(ctx, { _path: path + '.dataValidation' }, {
      rule: { get: function () { var v = sheet.validationAt(area.r1, area.c1); return v ? v.rule : null; }, set: function (rule) { ownValidation().rule = rule; } },
      errorAlert: { get: function () { var v = sheet.validationAt(area.r1, area.c1); return v ? v.errorAlert : null; }, set: function (alert) { ownValidation().errorAlert = alert; } },
      ignoreBlanks: { get: function () { var v = sheet.validationAt(area.r1, area.c1); return v ? v.ignoreBlanks : true; }, set: function (b) { ownValidation().ignoreBlanks = !!b; } },
    });
    this.dataValidation.clear = function () {
      if (!ctx.host.supports('1.8')) throw hostError('ApiNotFound', 'dataValidation needs ExcelApi 1.8');
      ctx._queue({ op: 'clearValidation', path: path });
      validation = null;
      sheet.dropValidation(area);
    };
    this.merge = function (across) {
      ctx._queue({ op: 'merge', path: path, across: !!across });
      sheet.merges.push(area);
    };
    this.unmerge = function () {
      ctx._queue({ op: 'unmerge', path: path });
      sheet.merges = sheet.merges.filter(function (m) { return m.r2 < area.r1 || m.r1 > area.r2 || m.c2 < area.c1 || m.c1 > area.c2; });
    };
    this.select = function () { ctx._queue({ op: 'select', path: path }); ctx.host.workbook.selection = { sheet: sheet.name, address: areaText(area) }; ctx.host.workbook.active = sheet; };
    this.getCell = function (row, col) {
      return ctx._range(sheet, { r1: area.r1 + row, c1: area.c1 + col, r2: area.r1 + row, c2: area.c1 + col });
    };
    this.getResizedRange = function (dr, dc) {
      return ctx._range(sheet, { r1: area.r1, c1: area.c1, r2: area.r2 + dr, c2: area.c2 + dc });
    };
    this.getEntireColumn = function () { return ctx._range(sheet, { r1: 1, c1: area.c1, r2: MAX_ROW, c2: area.c2 }); };
    this.clear = function () {
      ctx._queue({ op: 'clear', path: path });
      for (var a = area.r1; a <= Math.min(area.r2, sheet.rows.length); a++) {
        var row = sheet.rows[a];
        if (row) for (var b = area.c1; b <= area.c2; b++) { row.v[b] = undefined; row.f[b] = undefined; row.fill[b] = undefined; row.x[b] = undefined; }
      }
    };
    this.untrack = function () { return self; };
    this.track = function () { return self; };
  }

  function RangeAreasProxy(ctx, sheet, areas, path) {
    this._path = path;
    this.format = makeFormat(ctx, sheet, areas, path + '.format');
    makeLoadable(ctx, this.format, {
      rowHeight: {
        get: function () { return sheet.heights[areas[0].r1] || 15; },
        set: function (h) { areas.forEach(function (a) { for (var r = a.r1; r <= Math.min(a.r2, a.r1 + 100000); r++) sheet.heights[r] = h; }); },
      },
      wrapText: cellFormatProperty(sheet, areas, 'wrap', false),
      horizontalAlignment: cellFormatProperty(sheet, areas, 'h', 'General'),
      verticalAlignment: cellFormatProperty(sheet, areas, 'v', 'Bottom'),
      readingOrder: cellFormatProperty(sheet, areas, 'ro', 'Context', '1.9', ctx),
    });
    makeLoadable(ctx, this, {
      address: { get: function () { return areas.map(function (a) { return sheet.name + '!' + areaText(a); }).join(','); } },
      areaCount: { get: function () { return areas.length; } },
    });
  }

  function CfCollection(ctx, sheet, area, path) {
    var self = this;
    this._path = path;
    var intersecting = function () {
      return sheet.cfs.filter(function (cf) {
        return cf.areas.some(function (a) { return a.r1 <= area.r2 && a.r2 >= area.r1 && a.c1 <= area.c2 && a.c2 >= area.c1; });
      });
    };
    this._items = null;
    makeLoadable(ctx, this, {
      items: { get: function () { return intersecting().map(function (cf) { return ctx._cfProxy(sheet, cf); }); } },
      count: { get: function () { return intersecting().length; } },
    });
    var baseLoad = this.load;
    this.load = function (spec) {
      baseLoad.call(self, 'items');
      var names = typeof spec === 'string' ? spec.split(',').map(function (s) { return s.trim(); }) : [];
      ctx._afterSync.push(function () {
        var items = self._loaded.items || [];
        items.forEach(function (item) {
          names.forEach(function (n) {
            var p = n.replace(/^items\//, '').split('/');
            if (p[0] === 'type' || p[0] === 'priority' || p[0] === 'stopIfTrue') item._loaded[p[0]] = item._read(p[0]);
            if (p[0] === 'custom' && p[1] === 'rule' && p[2] === 'formula') {
              if (item._cf.type !== 'Custom') throw hostError('InvalidOperation', 'custom is not available on a ' + item._cf.type + ' conditional format');
              item.custom.rule._loaded.formula = item.custom.rule._read('formula');
            }
          });
        });
      });
      return self;
    };
    this.add = function (type) {
      ctx._queue({ op: 'cf.add', path: path, type: type });
      var cf = { areas: [area], type: type, formula: null, fill: null, numberFormat: null, stopIfTrue: false, id: ++ctx.host._ids };
      sheet.cfs.unshift(cf);
      return ctx._cfProxy(sheet, cf);
    };
    this.clearAll = function () {
      ctx._queue({ op: 'cf.clearAll', path: path });
      sheet.cfs = sheet.cfs.filter(function (cf) { return intersecting().indexOf(cf) < 0; });
    };
    this.getCount = function () { return { value: intersecting().length }; };
  }

  function CfProxy(ctx, sheet, cf) {
    var path = 'cf#' + cf.id;
    this._path = path;
    this._cf = cf;
    makeLoadable(ctx, this, {
      type: { get: function () { return cf.type; } },
      priority: {
        get: function () { return sheet.cfs.indexOf(cf); },
        set: function (p) {
          var i = sheet.cfs.indexOf(cf);
          sheet.cfs.splice(i, 1);
          sheet.cfs.splice(Math.min(p, sheet.cfs.length), 0, cf);
        },
      },
      stopIfTrue: { get: function () { return cf.stopIfTrue; }, set: function (v) { cf.stopIfTrue = !!v; } },
    });
    var rule = makeLoadable(ctx, { _path: path + '.custom.rule' }, {
      formula: {
        get: function () { return cf.formula; },
        set: function (f) { if (cf.type !== 'Custom') throw hostError('InvalidOperation', 'not custom'); cf.formula = f; },
      },
    });
    var cfFill = makeLoadable(ctx, { _path: path + '.custom.format.fill' }, {
      color: { get: function () { return cf.fill; }, set: function (c) { cf.fill = String(c).toUpperCase(); } },
    });
    var cfFormat = makeLoadable(ctx, { _path: path + '.custom.format', fill: cfFill }, {
      numberFormat: { get: function () { return cf.numberFormat; }, set: function (f) { cf.numberFormat = f; } },
    });
    this.custom = { rule: rule, format: cfFormat };
    this.delete = function () {
      ctx._queue({ op: 'cf.delete', path: path });
      sheet.cfs = sheet.cfs.filter(function (x) { return x !== cf; });
    };
    this.getRange = function () { return ctx._range(sheet, cf.areas[0]); };
  }

  function ChartProxy(ctx, sheet, chart) {
    this._path = 'chart#' + chart.id;
    var self = this;
    makeLoadable(ctx, this, {
      name: { get: function () { return chart.name; }, set: function (n) { chart.name = n; } },
      top: { get: function () { return chart.top || 0; }, set: function (v) { chart.top = v; } },
      left: { get: function () { return chart.left || 0; }, set: function (v) { chart.left = v; } },
      width: { get: function () { return chart.width || 360; }, set: function (v) { chart.width = v; } },
      height: { get: function () { return chart.height || 216; }, set: function (v) { chart.height = v; } },
    });
    this.title = makeLoadable(ctx, { _path: this._path + '.title' }, { text: { get: function () { return chart.title; }, set: function (t) { chart.title = t; } } });
    this.legend = makeLoadable(ctx, { _path: this._path + '.legend' }, {
      position: { get: function () { return chart.legend; }, set: function (p) { chart.legend = p; } },
      visible: { get: function () { return true; }, set: function () {} },
    });
    this.setPosition = function (start, end) { ctx._queue({ op: 'chart.setPosition', path: self._path, start: start, end: end }); chart.position = [start, end]; };
    chart.series = chart.series || [];
    this.series = {
      getItemAt: function (i) {
        var one = chart.series[i];
        if (!one) throw hostError('ItemNotFound', 'no series ' + i);
        return {
          format: { fill: { setSolidColor: function (c) { ctx._queue({ op: 'series.fill', i: i, c: c }); one.color = String(c).toUpperCase(); } } },
          delete: function () {
            if (!ctx.host.supports('1.7')) throw hostError('ApiNotFound', 'ChartSeries.delete needs ExcelApi 1.7');
            ctx._queue({ op: 'series.delete', i: i });
            chart.series = chart.series.filter(function (x) { return x !== one; });
          },
        };
      },
    };
    this.delete = function () { ctx._queue({ op: 'chart.delete', path: self._path }); sheet.charts = sheet.charts.filter(function (c) { return c !== chart; }); };
  }

  function NoteProxy(ctx, sheet, note) {
    this._path = 'note:' + sheet.name + '!' + colToLetter(note.c) + note.r;
    makeLoadable(ctx, this, {
      content: { get: function () { return note.content; }, set: function (text) { note.content = String(text); } },
    });
    this.getLocation = function () { return ctx._range(sheet, { r1: note.r, c1: note.c, r2: note.r, c2: note.c }); };
    this.delete = function () {
      ctx._queue({ op: 'note.delete', path: this._path });
      sheet.notes = sheet.notes.filter(function (n) { return n !== note; });
    };
  }

  /** Worksheet.notes (ExcelApi 1.18): a note per cell at most, as Excel allows. */
  function NoteCollection(ctx, sheet) {
    var self = this;
    this._path = 'notes:' + sheet.name;
    function need() { if (!ctx.host.supports('1.18')) throw hostError('ApiNotFound', 'notes need ExcelApi 1.18'); }
    makeLoadable(ctx, this, {
      items: { get: function () { return sheet.notes.map(function (n) { return new NoteProxy(ctx, sheet, n); }); } },
    });
    var baseLoad = this.load;
    this.load = function (spec) {
      need();
      baseLoad.call(self, 'items');
      var names = typeof spec === 'string' ? spec.split(',').map(function (x) { return x.trim().replace(/^items\//, ''); }) : [];
      ctx._afterSync.push(function () {
        (self._loaded.items || []).forEach(function (item) {
          names.forEach(function (n) { if (n === 'content') item._loaded.content = item._read('content'); });
        });
      });
      return self;
    };
    this.add = function (cellAddress, content) {
      need();
      var area = parseArea(cellAddress);
      if (area.r1 !== area.r2 || area.c1 !== area.c2) throw hostError('InvalidCellAddress', 'a note goes on one cell');
      if (sheet.notes.some(function (n) { return n.r === area.r1 && n.c === area.c1; })) throw hostError('InvalidArgument', 'the cell already has a note');
      ctx._queue({ op: 'note.add', path: self._path, address: cellAddress, content: content });
      var note = { r: area.r1, c: area.c1, content: String(content) };
      sheet.notes.push(note);
      return new NoteProxy(ctx, sheet, note);
    };
  }

  function SheetProxy(ctx, sheetOrName, nullable) {
    var self = this;
    var resolve = typeof sheetOrName === 'string' ? function () { return ctx.host.workbook.sheet(sheetOrName); } : function () { return sheetOrName; };
    var path = 'sheet:' + (typeof sheetOrName === 'string' ? sheetOrName : sheetOrName.name);
    this._path = path;
    function sheet() {
      var s = resolve();
      if (!s) throw hostError('ItemNotFound', 'The requested resource doesn\'t exist: ' + path);
      return s;
    }
    makeLoadable(ctx, this, {
      name: { get: function () { return sheet().name; }, set: function (n) { sheet().name = n; } },
      position: { get: function () { return ctx.host.workbook.sheets.indexOf(sheet()); }, set: function (p) { var wb = ctx.host.workbook; var s = sheet(); wb.sheets.splice(wb.sheets.indexOf(s), 1); wb.sheets.splice(p, 0, s); } },
      visibility: { get: function () { return 'Visible'; }, set: function () {} },
      tabColor: { get: function () { return ''; }, set: function () {} },
      showGridlines: { get: function () { return true; }, set: function () {} },
      isNullObject: { get: function () { return !resolve(); } },
    });
    if (nullable) ctx._afterSync.push(function () { self._loaded.isNullObject = !resolve(); });
    this.getRange = function (address) {
      return ctx._range(sheet(), address === undefined ? { r1: 1, c1: 1, r2: MAX_ROW, c2: MAX_COL } : parseArea(address));
    };
    this.getRangeByIndexes = function (row, col, rows, cols) {
      return ctx._range(sheet(), { r1: row + 1, c1: col + 1, r2: row + rows, c2: col + cols });
    };
    this.getRanges = function (address) {
      if (!ctx.host.supports('1.9')) throw hostError('ApiNotFound', 'getRanges needs ExcelApi 1.9');
      if (String(address).length > 8192) throw hostError('InvalidArgument', 'address longer than 8192 characters');
      ctx._queue({ op: 'getRanges', path: path, address: address });
      return new RangeAreasProxy(ctx, sheet(), String(address).split(',').map(parseArea), path + '.ranges(' + address.length + ')');
    };
    function usedRange(orNull) {
      var proxyPath = path + '.used';
      var used = null;
      var holder = { _path: proxyPath };
      ctx._queue({ op: 'usedRange', path: proxyPath });
      var s = sheet();
      used = s.used();
      if (!used) {
        if (!orNull) throw hostError('ItemNotFound', 'empty sheet has no used range');
        // a null object's properties load as null, as Excel gives them
        var none = { get: function () { return null; } };
        holder = makeLoadable(ctx, holder, {
          isNullObject: { get: function () { return true; } },
          address: none, rowIndex: none, rowCount: none, columnIndex: none, columnCount: none, values: none, numberFormat: none,
        });
        ctx._afterSync.push(function () { holder._loaded.isNullObject = true; });
        return holder;
      }
      var range = ctx._range(s, { r1: 1, c1: 1, r2: used.r2, c2: used.c2 });
      ctx._afterSync.push(function () { range._loaded.isNullObject = false; });
      return range;
    }
    this.getUsedRange = function () { return usedRange(false); };
    this.getUsedRangeOrNullObject = function () { return usedRange(true); };
    if (nullable) {
      // a sheet that is not there: what is asked of it is a null object too
      ['getRange', 'getRanges', 'getUsedRange', 'getUsedRangeOrNullObject'].forEach(function (method) {
        var real = self[method];
        self[method] = function () {
          if (resolve()) return real.apply(self, arguments);
          if (ctx.host.options.nullChains === 'throw') ctx._queue({ op: 'call', path: path + '.' + method, fails: 'ItemNotFound' });
          return nullObject(ctx, path + '.' + method + '()');
        };
      });
    }
    this.activate = function () { ctx._queue({ op: 'activate', path: path }); ctx.host.workbook.active = sheet(); };
    this.delete = function () {
      ctx._queue({ op: 'delete', path: path });
      var wb = ctx.host.workbook;
      var s = sheet();
      wb.sheets.splice(wb.sheets.indexOf(s), 1);
      if (wb.active === s) wb.active = wb.sheets[0] || null;
    };
    this.freezePanes = {
      freezeRows: function (n) {
        if (!ctx.host.supports('1.7')) throw hostError('ApiNotFound', 'freezePanes needs ExcelApi 1.7');
        ctx._queue({ op: 'freezeRows', path: path, n: n });
        sheet().frozenRows = n;
      },
      unfreeze: function () {
        if (!ctx.host.supports('1.7')) throw hostError('ApiNotFound', 'freezePanes needs ExcelApi 1.7');
        ctx._queue({ op: 'unfreeze', path: path });
        sheet().frozenRows = 0;
      },
    };
    function pageProperty(key) {
      return {
        get: function () { return sheet().pageLayout[key]; },
        set: function (v) {
          if (!ctx.host.supports('1.9')) throw hostError('ApiNotFound', 'pageLayout needs ExcelApi 1.9');
          sheet().pageLayout[key] = v;
        },
      };
    }
    this.pageLayout = makeLoadable(ctx, { _path: path + '.pageLayout' }, {
      orientation: pageProperty('orientation'),
      paperSize: pageProperty('paperSize'),
      centerHorizontally: pageProperty('centerHorizontally'),
      printGridlines: pageProperty('printGridlines'),
    });
    this.pageLayout.headersFooters = {
      defaultForAllPages: makeLoadable(ctx, { _path: path + '.pageLayout.footer' }, { centerFooter: pageProperty('centerFooter') }),
    };
    this.pageLayout.zoom = { scale: 100 };
    this.pageLayout.setPrintTitleRows = function (address) { ctx._queue({ op: 'printTitles', address: address }); sheet().pageLayout.titles = address; };
    var zoomProxy = this.pageLayout;
    Object.defineProperty(zoomProxy, 'zoom', {
      get: function () { return sheet().pageLayout.zoom; },
      set: function (z) { ctx._queue({ op: 'set', path: path + '.pageLayout', prop: 'zoom', value: z }); sheet().pageLayout.zoom = z; },
    });
    this.charts = makeLoadable(ctx, {
      _path: path + '.charts',
      add: function (type, sourceData, seriesBy) {
        if (!(sourceData instanceof RangeProxy)) throw hostError('InvalidArgument', 'chart source must be a range');
        var s = sheet();
        var area = sourceData._area;
        // series by columns: the first row names them, the first column holds the categories
        var series = [];
        for (var c = area.c1 + 1; c <= area.c2; c++) series.push({ name: s.get(area.r1, c, 'v'), color: null });
        var chart = { id: ++ctx.host._ids, type: type, source: area, seriesBy: seriesBy, series: series };
        ctx._queue({ op: 'chart.add', path: path, type: type, source: areaText(area) });
        s.charts.push(chart);
        return new ChartProxy(ctx, s, chart);
      },
    }, {
      items: { get: function () { return sheet().charts.map(function (chart) { return new ChartProxy(ctx, sheet(), chart); }); } },
    });
    var filterProxy = { _path: path + '.autoFilter' };
    function filterCheck() { if (!ctx.host.supports('1.9')) throw hostError('ApiNotFound', 'autoFilter needs ExcelApi 1.9'); }
    makeLoadable(ctx, filterProxy, {
      enabled: { get: function () { filterCheck(); return !!sheet().autoFilter; } },
      isDataFiltered: { get: function () { filterCheck(); var f = sheet().autoFilter; return !!(f && f.criteria.length); } },
    });
    filterProxy.apply = function (range, columnIndex, criteria) {
      filterCheck();
      ctx._queue({ op: 'autoFilter.apply', path: path, range: range._path, columnIndex: columnIndex, criteria: criteria });
      var old = sheet().autoFilter;
      var kept = old && criteria === undefined && areaText(old.area) === areaText(range._area) ? old.criteria : [];
      sheet().autoFilter = { area: range._area, criteria: criteria ? kept.concat([{ column: columnIndex, criteria: criteria }]) : kept };
    };
    Object.defineProperty(this, 'notes', {
      get: function () {
        if (nullable && !resolve()) return nullObject(ctx, path + '.notes');
        return new NoteCollection(ctx, sheet());
      },
    });
    filterProxy.remove = function () {
      filterCheck();
      ctx._queue({ op: 'autoFilter.remove', path: path });
      sheet().autoFilter = null;
    };
    this.autoFilter = filterProxy;
    this.onChanged = {
      add: function (handler) {
        if (!ctx.host.supports('1.7')) throw hostError('ApiNotFound', 'onChanged needs ExcelApi 1.7');
        sheet().changeHandlers.push(handler);
        return { remove: function () { var s = sheet(); s.changeHandlers = s.changeHandlers.filter(function (h) { return h !== handler; }); } };
      },
    };
  }

  function RequestContext(host) {
    var ctx = this;
    this.host = host;
    this._pending = [];
    this._loads = [];
    this._afterSync = [];
    this._cellWrites = 0;
    this._touched = [];
    this._cfProxies = {};
    var wb = host.workbook;
    var worksheets = {
      _path: 'worksheets',
      getItem: function (name) {
        if (!wb.sheet(name)) throw hostError('ItemNotFound', 'no sheet ' + name);
        return new SheetProxy(ctx, wb.sheet(name), false);
      },
      getItemOrNullObject: function (name) { return new SheetProxy(ctx, name, true); },
      getActiveWorksheet: function () { return new SheetProxy(ctx, wb.active, false); },
      add: function (name) { ctx._queue({ op: 'addSheet', name: name }); return new SheetProxy(ctx, wb.add(name), false); },
    };
    makeLoadable(ctx, worksheets, {
      items: { get: function () { return wb.sheets.map(function (s) { var p = new SheetProxy(ctx, s, false); p._loaded.name = s.name; p._loaded.position = wb.sheets.indexOf(s); return p; }); } },
    });
    this.workbook = makeLoadable(ctx, { _path: 'workbook' }, {
      name: {
        get: function () {
          if (!host.supports('1.7')) throw hostError('ApiNotFound', 'Workbook.name needs ExcelApi 1.7');
          return host.options.name || 'Book1.xlsx';
        },
      },
    });
    Object.assign(this.workbook, {
      worksheets: worksheets,
      getSelectedRange: function () { var sel = wb.selection || { sheet: wb.active.name, address: 'A1' }; return ctx._range(wb.sheet(sel.sheet), parseArea(sel.address)); },
      insertWorksheetsFromBase64: function (base64, options) {
        if (!host.supports('1.13')) throw hostError('ApiNotFound', 'insertWorksheetsFromBase64 needs ExcelApi 1.13');
        // the file itself travels in the request, as with Excel
        ctx._queue({ op: 'insertWorksheetsFromBase64', base64: String(base64), options: options });
        if (host.options.importWorkbook) {
          host.options.importWorkbook(host, String(base64), options || {});
          return { value: [] };
        }
        return { value: host._insert(String(base64), options || {}) };
      },
    });
    this.runtime = makeLoadable(ctx, { _path: 'runtime' }, { enableEvents: { get: function () { return true; }, set: function () {} } });
    this.trackedObjects = { add: function () {}, remove: function () {} };
  }
  RequestContext.prototype._queue = function (op) {
    this._pending.push(op);
  };
  RequestContext.prototype._countCells = function () {};
  RequestContext.prototype._changed = function (sheet, area) {
    this._touched.push({ sheet: sheet, area: area });
  };
  RequestContext.prototype._range = function (sheet, area) {
    var proxy = new RangeProxy(this, sheet, area, 'range:' + sheet.name + '!' + areaText(area));
    proxy._area = area;
    this._queue({ op: 'range', path: proxy._path });
    return proxy;
  };
  RequestContext.prototype._cfProxy = function (sheet, cf) {
    if (!this._cfProxies[cf.id]) this._cfProxies[cf.id] = new CfProxy(this, sheet, cf);
    return this._cfProxies[cf.id];
  };
  RequestContext.prototype.sync = function () {
    var ctx = this;
    var host = this.host;
    return new Promise(function (resolve, reject) {
      setTimeout(function () {
        try {
          // sizes as Excel on the web would see them: the batch and the loaded values as JSON, in
          // UTF-8 bytes; like Excel, a batch over either limit fails and nothing it loads arrives
          var request = JSON.stringify(ctx._pending);
          var bytes = utf8Length(request);
          var failing = ctx._pending.filter(function (op) { return op.fails; })[0];
          var response = [];
          var arriving = [];
          ctx._loads.forEach(function (load) {
            load.names.forEach(function (name) {
              var prop = name.split('/')[0];
              if (prop === 'items' && load.target._loaded.items !== undefined) return;
              var value = load.target._read(prop);
              arriving.push([load.target, prop, value]);
              if (prop !== 'items') response.push(value);
            });
          });
          var responseBytes = utf8Length(JSON.stringify(response));
          host.stats.syncs++;
          host.stats.requests.push(bytes);
          host.stats.responses.push(responseBytes);
          if (failing) throw hostError(failing.fails, 'The requested resource doesn\'t exist: ' + failing.path);
          if (bytes > host.limits.requestBytes) throw hostError('RequestPayloadSizeLimitExceeded', 'request of ' + bytes + ' bytes');
          if (responseBytes > host.limits.responseBytes && host.limits.enforceResponse) throw hostError('ResponsePayloadSizeLimitExceeded', 'response of ' + responseBytes + ' bytes');
          arriving.forEach(function (a) { a[0]._loaded[a[1]] = a[2]; });
          ctx._afterSync.splice(0).forEach(function (f) { f(); });
          ctx._pending = [];
          ctx._loads = [];
          var touched = ctx._touched.splice(0);
          if (touched.length) host._fire(touched, ctx._source);
          resolve();
        } catch (error) {
          ctx._pending = [];
          ctx._loads = [];
          ctx._afterSync = [];
          reject(error);
        }
      }, 0);
    });
  };

  function utf8Length(text) {
    var n = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
    }
    return n;
  }

  // ---------------------------------------------------------------- conditional-format evaluation
  /** Evaluate a formula of the small language conditional formats use here, for the cell at (r, c) of a rule anchored at (ar, ac). */
  function evaluate(formula, sheet, r, c, ar, ac, today) {
    var src = String(formula).replace(/^=/, '');
    var pos = 0;
    function peek() { while (src[pos] === ' ') pos++; return src[pos]; }
    function expect(ch) { if (peek() !== ch) throw new Error('expected ' + ch + ' at ' + pos + ' in ' + src); pos++; }
    function primary() {
      var ch = peek();
      if (ch === '(') { pos++; var v = comparison(); expect(')'); return v; }
      if (ch === '"') {
        var s = '';
        pos++;
        for (;;) {
          if (src[pos] === '"' && src[pos + 1] === '"') { s += '"'; pos += 2; continue; }
          if (src[pos] === '"') { pos++; break; }
          s += src[pos++];
        }
        return s;
      }
      if (ch === '-') { pos++; return -toNumber(primary()); }
      var num = /^\d+(\.\d+)?/.exec(src.slice(pos));
      if (num) { pos += num[0].length; return Number(num[0]); }
      var ref = /^(\$?)([A-Z]+)(\$?)(\d+)(?![A-Z(])/.exec(src.slice(pos));
      if (ref) {
        pos += ref[0].length;
        var col = letterToCol(ref[2]);
        var row = Number(ref[4]);
        var cc = ref[1] ? col : col + (c - ac);
        var rr = ref[3] ? row : row + (r - ar);
        var cellValue = sheet.get(rr, cc, 'v');
        return cellValue === undefined ? null : cellValue;
      }
      var fn = /^([A-Z][A-Z0-9.]*)\(/.exec(src.slice(pos));
      if (fn) {
        pos += fn[0].length;
        var args = [];
        if (peek() !== ')') { args.push(comparison()); while (peek() === ',') { pos++; args.push(comparison()); } }
        expect(')');
        switch (fn[1]) {
          case 'AND': return args.every(truthy);
          case 'OR': return args.some(truthy);
          case 'NOT': return !truthy(args[0]);
          case 'ISNUMBER': return typeof args[0] === 'number';
          case 'TODAY': return today;
          case 'N': return typeof args[0] === 'number' ? args[0] : args[0] === true ? 1 : 0;
          default: throw new Error('function ' + fn[1] + ' not supported by the stand-in host');
        }
      }
      throw new Error('cannot read formula at ' + pos + ': ' + src);
    }
    function toNumber(v) { return typeof v === 'number' ? v : v === true ? 1 : v === false || v === null || v === '' ? 0 : Number(v); }
    function truthy(v) { return typeof v === 'string' ? v !== '' : !!toNumber(v); }
    function additive() {
      var v = primary();
      for (;;) {
        var ch = peek();
        if (ch === '+') { pos++; v = toNumber(v) + toNumber(primary()); } else if (ch === '-') { pos++; v = toNumber(v) - toNumber(primary()); } else return v;
      }
    }
    function comparison() {
      var left = additive();
      var op = /^(<=|>=|<>|=|<|>)/.exec(src.slice(pos, pos + 2).replace(/^ +/, ''));
      peek();
      op = /^(<=|>=|<>|=|<|>)/.exec(src.slice(pos));
      if (!op) return left;
      pos += op[0].length;
      var right = additive();
      var l = left === null ? (typeof right === 'string' ? '' : 0) : left;
      var rr = right === null ? (typeof left === 'string' ? '' : 0) : right;
      if (typeof l === 'string' && typeof rr === 'string') { l = l.toLowerCase(); rr = rr.toLowerCase(); }
      switch (op[0]) {
        case '=': return l === rr;
        case '<>': return l !== rr;
        case '<': return l < rr;
        case '<=': return l <= rr;
        case '>': return l > rr;
        default: return l >= rr;
      }
    }
    var result = comparison();
    return truthy(result);
  }

  // ---------------------------------------------------------------- the host
  function Host(options) {
    this.options = options || {};
    this.workbook = new Workbook();
    this.api = this.options.api || '1.13';
    this.stats = { syncs: 0, requests: [], responses: [] };
    this.limits = { requestBytes: 5 * 1024 * 1024, responseBytes: 5 * 1024 * 1024, enforceResponse: true };
    this._ids = 0;
    this.today = this.options.today || null; // Excel serial of TODAY()
    this._changeEvents = [];
    this.settings = {}; // Office.context.document.settings, as saved with the workbook
    this.associated = {};
    this.dialogs = [];
    this.inserted = []; // insertWorksheetsFromBase64 calls: { base64, names, positionType, relativeTo }
  }
  /** Press the open dialog's button (what notice.html does). */
  Host.prototype.closeDialog = function () {
    var open = this.dialogs.filter(function (d) { return !d.closed; })[0];
    if (open && open.handlers.dialogMessageReceived) open.handlers.dialogMessageReceived({ message: 'close' });
  };
  Host.prototype.supports = function (version) {
    var a = this.api.split('.').map(Number);
    var b = String(version).split('.').map(Number);
    return a[0] > b[0] || (a[0] === b[0] && a[1] >= b[1]);
  };
  Host.prototype.resetStats = function () { this.stats = { syncs: 0, requests: [], responses: [] }; };
  /** Excel.run: one request context for the callback. */
  Host.prototype.run = function (callback) {
    var ctx = new RequestContext(this);
    ctx._source = 'ThisLocalAddin';
    return Promise.resolve().then(function () { return callback(ctx); }).then(function (result) {
      return ctx._pending.length ? ctx.sync().then(function () { return result; }) : result;
    });
  };
  /**
   * Workbook.insertWorksheetsFromBase64 without an importWorkbook option: the named sheets (all of
   * the file's when none are named) are added empty, with the direction the file gives them when
   * api.readXlsx can read it (set by the node side; a page leaves it null), where `positionType`
   * and `relativeTo` say. Every insert is kept in host.inserted. Returns the new sheets' names.
   */
  Host.prototype._insert = function (base64, options) {
    var wb = this.workbook;
    var found = api.readXlsx ? api.readXlsx(base64) : null;
    var names = options.sheetNamesToInsert && options.sheetNamesToInsert.length ? options.sheetNamesToInsert : (found || []).map(function (f) { return f.name; });
    this.inserted.push({ base64: base64, names: names, positionType: options.positionType || 'End', relativeTo: options.relativeTo });
    var sheets = names.map(function (name) {
      var info = found ? found.filter(function (f) { return f.name === name; })[0] : null;
      if (found && !info) throw hostError('InvalidArgument', 'the inserted file has no sheet ' + name);
      // Excel would rename a clash ("name (2)"); the add-in never inserts a sheet it has
      var sheet = wb.add(name);
      sheet.rightToLeft = info ? !!info.rightToLeft : null;
      return sheet;
    });
    wb.sheets = wb.sheets.filter(function (s) { return sheets.indexOf(s) < 0; });
    var type = options.positionType || 'End';
    var relative = options.relativeTo && typeof options.relativeTo === 'object' ? String(options.relativeTo._path).replace(/^sheet:/, '') : options.relativeTo;
    var at = wb.sheets.length;
    if (type === 'Beginning') at = 0;
    else if ((type === 'Before' || type === 'After') && relative) {
      var anchor = wb.sheet(relative);
      if (!anchor) throw hostError('ItemNotFound', 'no sheet ' + relative);
      at = wb.sheets.indexOf(anchor) + (type === 'After' ? 1 : 0);
    }
    Array.prototype.splice.apply(wb.sheets, [at, 0].concat(sheets));
    return names;
  };
  /** A person's edit: set values from `address` and fire onChanged like Excel does. */
  Host.prototype.edit = function (sheetName, address, values) {
    var sheet = this.workbook.sheet(sheetName);
    var area = parseArea(address);
    values.forEach(function (line, i) { line.forEach(function (v, j) { sheet.set(area.r1 + i, area.c1 + j, 'v', v === '' ? undefined : v); }); });
    this._fire([{ sheet: sheet, area: area }], 'Unknown');
  };
  Host.prototype._fire = function (touched, source) {
    touched.forEach(function (t) {
      t.sheet.changeHandlers.forEach(function (handler) {
        var event = { address: areaText(t.area), worksheetId: t.sheet.name, source: 'Local', changeType: 'RangeEdited', triggerSource: source };
        setTimeout(function () { handler(event); }, 0);
      });
    });
  };
  /** The first custom rule true at (r, c), in priority order, or null. */
  Host.prototype.ruleAt = function (sheetName, r, c) {
    var sheet = this.workbook.sheet(sheetName);
    for (var i = 0; i < sheet.cfs.length; i++) {
      var cf = sheet.cfs[i];
      if (cf.type !== 'Custom' || !cf.formula) continue;
      var area = cf.areas.filter(function (a) { return a.r1 <= r && r <= a.r2 && a.c1 <= c && c <= a.c2; })[0];
      if (area && evaluate(cf.formula, sheet, r, c, area.r1, area.c1, this.today)) return cf;
    }
    return null;
  };
  /** The fill a person sees at (r, c): the first true conditional-format rule's, else the cell's own. */
  Host.prototype.displayedFill = function (sheetName, r, c) {
    var rule = this.ruleAt(sheetName, r, c);
    return (rule && rule.fill) || this.workbook.sheet(sheetName).get(r, c, 'fill') || null;
  };
  /** The text a person sees at (r, c): a true rule's words number format, else the value. */
  Host.prototype.displayedText = function (sheetName, r, c) {
    var rule = this.ruleAt(sheetName, r, c);
    var words = rule && rule.numberFormat ? /^"([^"]*)"/.exec(rule.numberFormat) : null;
    if (words) return words[1];
    var v = this.workbook.sheet(sheetName).get(r, c, 'v');
    return v === undefined || v === null ? '' : String(v);
  };
  /** Put a sheet's values in from row 1 (tests' setup; not counted). */
  Host.prototype.load = function (sheetName, grid, formats) {
    var sheet = this.workbook.sheet(sheetName) || this.workbook.add(sheetName);
    grid.forEach(function (line, i) {
      (line || []).forEach(function (v, j) { if (v !== null && v !== undefined && v !== '') sheet.set(i + 1, j + 1, 'v', v); });
    });
    (formats || []).forEach(function (line, i) {
      (line || []).forEach(function (f, j) { if (f) sheet.set(i + 1, j + 1, 'f', f); });
    });
    return sheet;
  };

  /** Sheets as plain data: [{ name, cells: [[row, col, value, numberFormat?]] }]. */
  Host.prototype.exportSheets = function () {
    return this.workbook.sheets.map(function (sheet) {
      var cells = [];
      sheet.rows.forEach(function (row, r) {
        if (!row) return;
        for (var c = 1; c < Math.max(row.v.length, row.f.length); c++) {
          if (row.v[c] !== undefined || row.f[c] !== undefined) cells.push([r, c, row.v[c] === undefined ? null : row.v[c], row.f[c] || null]);
        }
      });
      return { name: sheet.name, cells: cells };
    });
  };
  /** Load sheets exported by exportSheets (the first becomes active). */
  Host.prototype.importSheets = function (sheets) {
    var wb = this.workbook;
    sheets.forEach(function (data) {
      var sheet = wb.sheet(data.name) || wb.add(data.name);
      data.cells.forEach(function (cell) {
        if (cell[2] !== null) sheet.set(cell[0], cell[1], 'v', cell[2]);
        if (cell[3]) sheet.set(cell[0], cell[1], 'f', cell[3]);
      });
    });
    wb.active = wb.sheets[0] || null;
  };

  /** Office and Excel globals backed by a host (what office.js would define). */
  function globalsFor(host) {
    var Excel = { run: function (cb) { return host.run(cb); } };
    Object.keys(ENUMS).forEach(function (k) { Excel[k] = ENUMS[k]; });
    var Office = {
      onReady: function (cb) { var info = { host: 'Excel', platform: 'OfficeOnline' }; if (cb) cb(info); return Promise.resolve(info); },
      context: {
        requirements: { isSetSupported: function (name, version) { return name === 'ExcelApi' ? host.supports(version || '1.1') : false; } },
        diagnostics: { version: 'stand-in' },
        document: {
          settings: {
            get: function (name) { return Object.prototype.hasOwnProperty.call(host.settings, name) ? JSON.parse(host.settings[name]) : null; },
            set: function (name, value) { host.settings[name] = JSON.stringify(value); },
            remove: function (name) { delete host.settings[name]; },
            saveAsync: function (callback) { setTimeout(function () { if (callback) callback({ status: 'succeeded' }); }, 0); },
          },
        },
        ui: {
          displayDialogAsync: function (url, options, callback) {
            var handlers = {};
            var dialog = { url: url, handlers: handlers, closed: false };
            host.dialogs.push(dialog);
            callback({ status: 'succeeded', value: { addEventHandler: function (type, h) { handlers[type] = h; }, close: function () { dialog.closed = true; } } });
          },
        },
      },
      // the ribbon's function file: what it associates, and the dialogs it opens (closed with host.closeDialog())
      actions: { associate: function (name, fn) { host.associated[name] = fn; } },
      HostType: { Excel: 'Excel' },
    };
    return { Excel: Excel, Office: Office };
  }

  var api = { Host: Host, globalsFor: globalsFor, parseArea: parseArea, colToLetter: colToLetter, letterToCol: letterToCol, evaluate: evaluate, DAY_MS: DAY_MS };
  if (typeof module === 'object' && module.exports) module.exports = api;
  else {
    root.ExcelHost = api;
    var host = new Host(root.EXCEL_HOST_OPTIONS || {});
    if (root.EXCEL_HOST_SEED) host.importSheets(root.EXCEL_HOST_SEED);
    var g = globalsFor(host);
    root.Excel = g.Excel;
    root.Office = g.Office;
    root.excelHost = host;
  }
})(typeof globalThis !== 'undefined' ? globalThis : this);
