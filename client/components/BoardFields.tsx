import { TextArea } from './TextArea.js';
import { TextInput } from './TextInput.js';

export interface BoardFieldValues {
  title: string;
  summary: string;
  notice: string;
}

interface BoardFieldsProps {
  values: BoardFieldValues;
  onChange(values: BoardFieldValues): void;
  messageFor(fieldId: string): string | undefined;
}

/** Title, summary and fair-engagement notice: the same three fields to create a board and to edit one. */
export function BoardFields({ values, onChange, messageFor }: BoardFieldsProps) {
  const change = (field: keyof BoardFieldValues) => (value: string) => onChange({ ...values, [field]: value });
  return (
    <>
      <TextInput
        id="title"
        label="Board title"
        hint="People see this at the top of the board, like “Helping carers find support faster”"
        error={messageFor('title')}
        value={values.title}
        onChange={change('title')}
      />
      <TextArea
        id="summary"
        label="Summary"
        hint="In a few sentences, what the council wants to learn from suppliers and why"
        error={messageFor('summary')}
        value={values.summary}
        onChange={change('summary')}
      />
      <TextArea
        id="notice"
        label="Fair-engagement notice"
        hint="Everyone must accept this before they join. Say who will see what they post, and how it may be published."
        error={messageFor('notice')}
        value={values.notice}
        onChange={change('notice')}
        rows={8}
      />
    </>
  );
}
