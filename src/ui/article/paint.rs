//! Painting a paragraph: its galley (laid out once per look, cached), the highlights' formats,
//! the dotted underline of reported speech, and the hover text of a highlight.

#![allow(
    clippy::wildcard_imports,
    reason = "a part of its parent module, split off by concern: it shares the module's imports and private items"
)]

use super::hover::tooltip;
use super::*;

/// How a highlight changes the text it covers.
pub(super) fn style_mark(
    f: &mut TextFormat,
    m: Mark,
    analysis: &Analysis,
    look: Look,
    pal: &Palette,
) {
    let t = look.toggles;
    match m {
        Mark::Quote(qi) => {
            let kind = analysis.quotes.get(qi).map(|q| q.kind);
            if t.quotes && kind != Some(QuoteKind::Indirect) {
                f.background = pal.quote_bg;
            }
        }
        Mark::Person(pi) if t.people => {
            f.color = pal.person;
            f.underline = Stroke::new(1.0, pal.person);
            if look.selected == Some(EntityRef::Person(pi)) {
                f.background = pal.selected_bg;
            }
        }
        Mark::Country(ci, form) => {
            let shown = if form == CountryForm::Name {
                t.countries
            } else {
                t.demonyms
            };
            if !shown {
                return;
            }
            f.color = if form == CountryForm::Name {
                pal.country
            } else {
                pal.country_light
            };
            f.underline = Stroke::new(1.0, f.color);
            if look.selected == Some(EntityRef::Country(ci)) {
                f.background = pal.selected_bg;
            }
        }
        Mark::Person(_) => {}
    }
}

/// A dotted line under `span` (bytes of the text) in paragraph `para`, laid out as `galley`
/// and painted at `pos`, broken at each wrapped row.
pub(super) fn dotted_underline_ui(
    ui: &egui::Ui,
    galley: &Galley,
    pos: Pos2,
    text: &str,
    para: Span,
    span: Span,
    colour: egui::Color32,
) {
    let chars = |b: usize| {
        text.get(para.start..b.clamp(para.start, para.end))
            .map_or(0, |t| t.chars().count())
    };
    let (cs, ce) = (chars(span.start), chars(span.end));
    let mut c0 = 0;
    let painter = ui.painter();
    for row in &galley.rows {
        let n = row.row.glyphs.len();
        let (a, b) = (cs.max(c0), ce.min(c0 + n));
        if a < b {
            let x0 = pos.x + row.pos.x + row.row.x_offset(egui::text::CharIndex(a - c0));
            let x1 = pos.x + row.pos.x + row.row.x_offset(egui::text::CharIndex(b - c0));
            let y = pos.y + row.max_y() - 1.5;
            painter.extend(egui::Shape::dotted_line(
                &[Pos2::new(x0, y), Pos2::new(x1, y)],
                colour,
                4.0,
                1.1,
            ));
        }
        c0 += row.char_count_including_newline().0;
        if c0 >= ce {
            break;
        }
    }
}

/// The cursor rectangle, within `galley` (paragraph `para` laid out), of byte `byte` of the text.
pub(super) fn cursor_rect(galley: &Galley, text: &str, para: Span, byte: usize) -> Option<Rect> {
    let chars = text.get(para.start..byte)?.chars().count();
    Some(galley.pos_from_cursor(egui::text::CCursor::new(chars)))
}

impl ArticleView {
    /// Draws paragraph `p` at `pos` (its quote bar, selectable text, the dotted underline of
    /// reported speech, clicks, selection, the context menu and hover); returns what the
    /// pointer did there.
    pub(super) fn paragraph_ui(
        &self,
        ui: &mut egui::Ui,
        paint: &Paint<'_>,
        p: usize,
        pos: Pos2,
        galley: &Arc<Galley>,
        menu: &mut dyn FnMut(&mut egui::Ui, MenuTarget),
    ) -> ParagraphInput {
        let (look, pal) = (paint.look, paint.pal);
        let rect = Rect::from_min_size(pos, Vec2::new(look.width as f32, galley.size().y));
        let (marks, para) = self.paragraph(paint, p);
        let kind = |qi: usize| paint.analysis.quotes.get(qi).map(|q| q.kind);
        // A bar left of paragraphs that hold a quotation.
        let has_quote = marks
            .iter()
            .any(|(_, m)| matches!(m, Mark::Quote(qi) if kind(*qi) != Some(QuoteKind::Indirect)));
        if has_quote && look.toggles.quotes {
            let x = pos.x - BAR_GAP + 2.0;
            ui.painter().line_segment(
                [Pos2::new(x, rect.top()), Pos2::new(x, rect.bottom())],
                Stroke::new(3.0, pal.quote_bar),
            );
        }
        let resp = ui.interact(
            rect,
            ui.scope_id().with(("para", p)),
            Sense::click_and_drag(),
        );
        resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, galley.text()));
        egui::text_selection::LabelSelectionState::label_text_selection(
            ui,
            &resp,
            pos,
            galley.clone(),
            pal.text,
            Stroke::NONE,
        );
        if look.toggles.reported {
            for (s, m) in marks {
                if let Mark::Quote(qi) = *m
                    && kind(qi) == Some(QuoteKind::Indirect)
                {
                    dotted_underline_ui(ui, galley, pos, paint.text, para, *s, pal.quote_bar);
                }
            }
        }
        let mut input = ParagraphInput::default();
        if resp.clicked()
            && let Some(pointer) = resp.interact_pointer_pos()
        {
            input.clicked = self.hit(paint, p, pos, galley, pointer);
        }
        let (pressed, down, latest) = ui.input(|i| {
            (
                i.pointer
                    .primary_pressed()
                    .then(|| i.pointer.press_origin())
                    .flatten(),
                // A release ends a drag: the pointer may have moved in the same frame.
                i.pointer.primary_down() || i.pointer.primary_released(),
                i.pointer.latest_pos(),
            )
        });
        if let Some(at) = pressed.filter(|at| rect.contains(*at)) {
            input.press = Self::byte_at(paint, p, pos, galley, at);
        }
        if down && let Some(at) = latest.filter(|at| rect.contains(*at)) {
            input.drag = Self::byte_at(paint, p, pos, galley, at);
        }
        if resp.double_clicked()
            && let Some(at) = resp.interact_pointer_pos()
            && let Some(b) = Self::byte_at(paint, p, pos, galley, at)
        {
            let len = paint
                .text
                .get(b..)
                .and_then(|t| t.chars().next())
                .map_or(0, char::len_utf8);
            input.word = Some(Span::new(b, b + len));
        }
        if resp.secondary_clicked()
            && let Some(at) = resp.interact_pointer_pos()
        {
            input.menu = Self::byte_at(paint, p, pos, galley, at);
        }
        // The menu opened this frame, or the one open on this paragraph.
        let target = input
            .menu
            .map(|byte| MenuTarget {
                byte,
                selection: self.selection(paint.text),
            })
            .or(self
                .menu_target
                .filter(|t| para.start <= t.byte && t.byte <= para.end));
        if let Some(target) = target {
            resp.context_menu(|ui| menu(ui, target));
        }
        if let Some(pointer) = resp.hover_pos()
            && let Some((_, m)) = self.hit(paint, p, pos, galley, pointer)
        {
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            resp.on_hover_ui_at_pointer(|ui| {
                ui.label(tooltip(paint.analysis, &self.person_quotes, paint.text, m));
            });
        }
        input
    }

    /// Bounds memory: keeps the galleys near what is on screen and drops the rest (they are
    /// laid out again when scrolled back to; their heights stay known).
    pub(super) fn trim_galleys(&mut self, painted: &[(usize, Pos2, Arc<Galley>)]) {
        if self.galleys.len() > MAX_CACHED_GALLEYS
            && let (Some(lo), Some(hi)) = (
                painted.iter().map(|(p, _, _)| *p).min(),
                painted.iter().map(|(p, _, _)| *p).max(),
            )
        {
            let keep = MAX_CACHED_GALLEYS / 4;
            self.galleys
                .retain(|p, _| lo.saturating_sub(keep) <= *p && *p <= hi + keep);
        }
    }

    /// Only the highlight state that shows in paragraph `p`: a selection, a flash or find hits
    /// elsewhere leave its cached galley valid.
    pub(super) fn look_of(&self, paint: &Paint<'_>, p: usize) -> Look {
        let look = paint.look;
        let (marks, para) = self.paragraph(paint, p);
        let overlaps = |s: &Span| s.start < para.end && para.start < s.end;
        let selected = look.selected.filter(|e| {
            marks.iter().any(|(_, x)| match (*e, *x) {
                (EntityRef::Person(pi), Mark::Person(x)) => pi == x,
                (EntityRef::Country(ci), Mark::Country(x, _)) => ci == x,
                _ => false,
            })
        });
        let i = paint.hits.partition_point(|h| h.end <= para.start);
        let has_hits = paint.hits.get(i).is_some_and(overlaps);
        Look {
            selected,
            flash: look.flash.filter(overlaps),
            find: if has_hits { look.find } else { 0 },
            find_current: look.find_current.filter(overlaps),
            ..look
        }
    }

    pub(super) fn galley(&mut self, ui: &egui::Ui, paint: &Paint<'_>, p: usize) -> Arc<Galley> {
        let look = self.look_of(paint, p);
        if let Some((l, g)) = self.galleys.get(&p)
            && *l == look
        {
            return g.clone();
        }
        let job = self.layout_job(paint, p, look);
        let g = ui.painter().layout_job(job);
        self.layouts += 1;
        self.galleys.insert(p, (look, g.clone()));
        g
    }

    pub(super) fn layout_job(&self, paint: &Paint<'_>, p: usize, look: Look) -> LayoutJob {
        let Paint {
            analysis,
            text,
            pal,
            hits,
            ..
        } = *paint;
        let font = look.font_tenths as f32 / 10.0;
        let para = analysis.paragraphs[p];
        let ptext = text.get(para.start..para.end).unwrap_or("");
        let size = if p == 0 { font * 1.45 } else { font };
        let base = TextFormat {
            font_id: FontId::proportional(size),
            color: pal.text,
            line_height: Some(size * 1.45),
            ..Default::default()
        };
        let mut job = LayoutJob {
            text: ptext.to_string(),
            ..Default::default()
        };
        job.wrap.max_width = look.width as f32;
        let marks = self.marks.get(p).map_or(&[][..], Vec::as_slice);
        let hits: &[Span] = if look.find == 0 {
            &[]
        } else {
            let a = hits.partition_point(|h| h.end <= para.start);
            let b = hits.partition_point(|h| h.start < para.end);
            hits.get(a..b).unwrap_or(&[])
        };
        // Cut points: every mark, hit and flash boundary inside the paragraph.
        let mut cuts: Vec<usize> = vec![para.start, para.end];
        let spans = marks
            .iter()
            .map(|(s, _)| *s)
            .chain(hits.iter().copied())
            .chain(look.flash);
        for s in spans {
            cuts.push(s.start.clamp(para.start, para.end));
            cuts.push(s.end.clamp(para.start, para.end));
        }
        cuts.sort_unstable();
        cuts.dedup();
        let within = |s: &Span, a: usize, b: usize| s.start <= a && b <= s.end;
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            if a >= b {
                continue;
            }
            let mut f = base.clone();
            for (_, m) in marks.iter().filter(|(s, _)| within(s, a, b)) {
                style_mark(&mut f, *m, analysis, look, pal);
            }
            if hits.iter().any(|h| within(h, a, b)) {
                f.background = if look.find_current.is_some_and(|h| within(&h, a, b)) {
                    pal.find_current_bg
                } else {
                    pal.find_bg
                };
            }
            if look.flash.is_some_and(|s| within(&s, a, b)) {
                f.background = pal.flash_bg;
            }
            job.sections.push(egui::text::LayoutSection {
                leading_space: 0.0,
                byte_range: egui::text::ByteIndex(a - para.start)
                    ..egui::text::ByteIndex(b - para.start),
                format: f,
            });
        }
        job
    }
}
