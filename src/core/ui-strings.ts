/**
 * The words briefdeck itself puts on slides, in the deck's controls and on
 * paper. A briefing in a language listed here gets them in its language; any
 * other gets English, marked `lang="en"` so screen readers switch voice.
 */
export interface UiStrings {
  /** The language these strings are in. */
  lang: string;
  agenda: string;
  sources: string;
  /** "Prepared for {audience}" */
  preparedFor: string;
  basedOn: string;
  downloadPdf: string;
  notes: string;
  spaceForNotes: string;
  classification: string;
  speakerView: string;
  shortcuts: string;
  shortcutsOn: string;
  shortcutsOff: string;
  /** "Slide {n} of {total}: {title}" */
  slideLabel: string;
  /** "Page {n} of {total}", around Chromium's page number fields. */
  pageOf: string;
  slides: string;
}

const STRINGS: Record<string, UiStrings> = {
  en: {
    lang: "en", agenda: "Agenda", sources: "Sources", preparedFor: "Prepared for {audience}", basedOn: "Based on", downloadPdf: "Download PDF",
    notes: "Notes", spaceForNotes: "Space for notes", classification: "Classification", speakerView: "Speaker view",
    shortcuts: "Keyboard shortcuts", shortcutsOn: "Single-key shortcuts on", shortcutsOff: "Single-key shortcuts off",
    slideLabel: "Slide {n} of {total}: {title}", pageOf: "Page {n} of {total}", slides: "Slides",
  },
  tr: {
    lang: "tr", agenda: "Gündem", sources: "Kaynaklar", preparedFor: "{audience} için hazırlanmıştır", basedOn: "Kaynak", downloadPdf: "PDF indir",
    notes: "Notlar", spaceForNotes: "Not alanı", classification: "Gizlilik derecesi", speakerView: "Konuşmacı görünümü",
    shortcuts: "Klavye kısayolları", shortcutsOn: "Tek tuş kısayolları açık", shortcutsOff: "Tek tuş kısayolları kapalı",
    slideLabel: "Slayt {n} / {total}: {title}", pageOf: "Sayfa {n} / {total}", slides: "Slaytlar",
  },
  az: {
    lang: "az", agenda: "Gündəlik", sources: "Mənbələr", preparedFor: "{audience} üçün hazırlanıb", basedOn: "Mənbə", downloadPdf: "PDF yüklə",
    notes: "Qeydlər", spaceForNotes: "Qeydlər üçün yer", classification: "Məxfilik dərəcəsi", speakerView: "Məruzəçi görünüşü",
    shortcuts: "Klaviatura qısayolları", shortcutsOn: "Tək düymə qısayolları açıq", shortcutsOff: "Tək düymə qısayolları bağlı",
    slideLabel: "Slayd {n} / {total}: {title}", pageOf: "Səhifə {n} / {total}", slides: "Slaydlar",
  },
  ru: {
    lang: "ru", agenda: "Повестка", sources: "Источники", preparedFor: "Подготовлено для: {audience}", basedOn: "По материалам", downloadPdf: "Скачать PDF",
    notes: "Заметки", spaceForNotes: "Место для заметок", classification: "Гриф", speakerView: "Режим докладчика",
    shortcuts: "Клавиатурные сокращения", shortcutsOn: "Одноклавишные сокращения включены", shortcutsOff: "Одноклавишные сокращения выключены",
    slideLabel: "Слайд {n} из {total}: {title}", pageOf: "Страница {n} из {total}", slides: "Слайды",
  },
  ar: {
    lang: "ar", agenda: "جدول الأعمال", sources: "المصادر", preparedFor: "أُعدّ من أجل: {audience}", basedOn: "استنادًا إلى", downloadPdf: "تنزيل PDF",
    notes: "ملاحظات", spaceForNotes: "مساحة للملاحظات", classification: "درجة السرية", speakerView: "عرض المتحدث",
    shortcuts: "اختصارات لوحة المفاتيح", shortcutsOn: "اختصارات المفتاح الواحد مفعّلة", shortcutsOff: "اختصارات المفتاح الواحد معطّلة",
    slideLabel: "الشريحة {n} من {total}: {title}", pageOf: "الصفحة {n} من {total}", slides: "الشرائح",
  },
  fr: {
    lang: "fr", agenda: "Ordre du jour", sources: "Sources", preparedFor: "Préparé pour {audience}", basedOn: "D’après", downloadPdf: "Télécharger le PDF",
    notes: "Notes", spaceForNotes: "Espace pour les notes", classification: "Classification", speakerView: "Vue de l’orateur",
    shortcuts: "Raccourcis clavier", shortcutsOn: "Raccourcis à une touche activés", shortcutsOff: "Raccourcis à une touche désactivés",
    slideLabel: "Diapositive {n} sur {total} : {title}", pageOf: "Page {n} sur {total}", slides: "Diapositives",
  },
  de: {
    lang: "de", agenda: "Agenda", sources: "Quellen", preparedFor: "Erstellt für {audience}", basedOn: "Nach", downloadPdf: "PDF herunterladen",
    notes: "Notizen", spaceForNotes: "Platz für Notizen", classification: "Einstufung", speakerView: "Referentenansicht",
    shortcuts: "Tastenkürzel", shortcutsOn: "Einzeltasten-Kürzel an", shortcutsOff: "Einzeltasten-Kürzel aus",
    slideLabel: "Folie {n} von {total}: {title}", pageOf: "Seite {n} von {total}", slides: "Folien",
  },
};

/** The strings for a briefing's language tag ("tr", "az-Latn", "pt-BR"…), English when there are none. */
export function uiStrings(lang: string): UiStrings {
  const primary = lang.toLowerCase().split("-")[0] ?? "en";
  return STRINGS[primary] ?? (STRINGS.en as UiStrings);
}

/** Fills "{n}"-style placeholders. */
export function fillIn(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** The languages with their own interface strings. */
export const UI_LANGUAGES = Object.keys(STRINGS);
