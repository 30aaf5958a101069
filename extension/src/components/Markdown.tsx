import { createElement, useMemo, type ReactNode } from 'react';
import { parseMarkdown, type Inline } from '@/lib/markdown';

function inlines(items: Inline[]): ReactNode[] {
  return items.map((item, index) => (item.kind === 'strong' ? <strong key={index}>{item.text}</strong> : item.text));
}

/**
 * Markdown as React elements only: every piece of text is a text node, so raw
 * HTML in the source is shown as text, never parsed.
 */
export function Markdown({ source }: { source: string }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return (
    <>
      {blocks.map((block, index) => {
        switch (block.kind) {
          case 'heading':
            // The popup already uses h1/h2; agreement headings sit below them.
            return createElement(`h${Math.min(block.level + 2, 6)}`, { key: index }, ...inlines(block.inlines));
          case 'paragraph':
            return <p key={index}>{inlines(block.inlines)}</p>;
          case 'list': {
            const items = block.items.map((item, i) => <li key={i}>{inlines(item)}</li>);
            return block.ordered ? (
              <ol key={index} start={block.start}>
                {items}
              </ol>
            ) : (
              <ul key={index}>{items}</ul>
            );
          }
        }
      })}
    </>
  );
}
